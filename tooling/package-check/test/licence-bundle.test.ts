import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BuildOptions, build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * An app that uses the toy datasets and the model but never reads a .mat file must ship no GPL
 * code: bundled from the built packages (what a user's bundler sees), its inputs include neither
 * mat-for-js nor @backprop/mat. The same check on an app that does read .mat files finds them, so
 * the check is not vacuous. Prints both bundles' sizes.
 */
const dir = mkdtempSync(join(tmpdir(), 'backprop-licence-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function bundle(name: string, source: string) {
  const entry = join(dir, `${name}.ts`);
  writeFileSync(entry, source);
  const options: BuildOptions & { metafile: true; write: false } = {
    entryPoints: [entry],
    bundle: true,
    write: false,
    metafile: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    // Resolve the packages as a user's bundler does: their built dist/, not the sources.
    nodePaths: [join(__dirname, '..', 'node_modules')],
    logLevel: 'silent',
  };
  const plain = await build(options);
  const minified = await build({ ...options, minify: true });
  return {
    inputs: Object.keys(plain.metafile.inputs),
    text: plain.outputFiles[0]!.text,
    bytes: minified.outputFiles[0]!.contents.length,
  };
}

/** Where GPL code would come from: the @backprop/mat package (which bundles mat-for-js) or mat-for-js. */
const GPL = /mat-for-js|[\\/]packages[\\/]mat[\\/]|@backprop[\\/]mat[\\/]/;
/** Function names of mat-for-js's own code (mat4js.read.js), kept in an unminified bundle. */
const MAT_FOR_JS_CODE = /\b(readDataElem|calcIndex)\b/;

describe('what an app ships', () => {
  it('toy datasets + model: no GPL code (mat-for-js is not in the bundle)', async () => {
    const app = await bundle(
      'toy',
      `import { moons, xor } from '@backprop/data';
import { dense, fit, sequential } from '@backprop/model';
const { X, Y } = moons(100, 0.1, undefined as never);
export const run = () => fit(sequential(2, [dense({ units: 1, activation: 'sigmoid' })]), X, Y);
export const data = xor();`,
    );
    expect(app.inputs.filter((f) => GPL.test(f))).toEqual([]);
    expect(app.text).not.toMatch(MAT_FOR_JS_CODE);
    expect(app.inputs.some((f) => /backprop[\\/]data|packages[\\/]data/.test(f))).toBe(true);
    const mat = await bundle(
      'mat',
      `import { parseMat } from '@backprop/mat';
export const read = (b: Uint8Array) => parseMat(b);`,
    );
    expect(mat.inputs.some((f) => GPL.test(f))).toBe(true);
    expect(mat.text).toMatch(MAT_FOR_JS_CODE);
    process.stderr.write(
      `licence-bundle: toy datasets + model ${(app.bytes / 1024).toFixed(1)} KiB minified (no GPL code); with @backprop/mat ${(mat.bytes / 1024).toFixed(1)} KiB\n`,
    );
  });
});
