import pkg from '../package.json';

/** The CLI's version, from its package.json (bundled at build time). */
export const VERSION: string = pkg.version;
