/** The page's element with this id (the page's HTML has every id the scripts use). */
export const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
