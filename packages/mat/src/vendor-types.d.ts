// mat-for-js 1.1.0 ships no types; this is the part of its API backprop uses.
declare module 'mat-for-js' {
  type MatForJsValue =
    | number
    | bigint
    | string
    | { r: number; i: number }
    | MatForJsValue[]
    | { [field: string]: MatForJsValue };
  export function read(data: ArrayBuffer): { header: string; data: Record<string, MatForJsValue> };
}
