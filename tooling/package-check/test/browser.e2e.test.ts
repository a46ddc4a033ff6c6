import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { expectClose } from '@backprop/linalg/testing';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { matFile } from '../../../packages/mat/test/helpers/mat-writer';
import {
  chromiumArgs,
  chromiumPath,
  chromiumSuite,
  haveChromium,
} from '../../test-support/chromium';
import { type ThreadsResult, threaded, type WorkloadFiles, workload } from './browser/workload';
import { repoRoot } from './helpers';

/**
 * The libraries are isomorphic: the built packages, bundled for the browser by esbuild (no Node
 * built-ins allowed), run in Debian's Chromium and give what they give in Node: the same bits for
 * matrix products (the WebAssembly SIMD kernel included) and parsed files, the same trained
 * weights to a few ulps. (Chromium: see tooling/test-support/chromium.ts.)
 */
const title = chromiumSuite('the libraries in headless Chromium');

/** Small files for the parsers: a gzipped IDX, a compressed MAT and a CSV. */
function files(): WorkloadFiles {
  const idx = new Uint8Array(4 + 8 + 6);
  idx.set([0, 0, 0x08, 2, 0, 0, 0, 2, 0, 0, 0, 3, 0, 1, 127, 128, 254, 255]);
  const mat = matFile(
    {
      X: { class: 'double', dims: [2, 3], data: [1, -2, 3.5, 1e-300, Number.NaN, 6] },
      y: { class: 'uint8', dims: [2, 1], data: [10, 3] },
    },
    { compress: true },
  );
  return {
    idxGz: Array.from(gzipSync(idx)),
    matCompressed: Array.from(mat),
    csv: '\uFEFFlabel,a,b\r\n1,0.5,"2"\r\n\r\n0,-1e3,3.25\r\n',
  };
}

describe.skipIf(!haveChromium)(title, () => {
  let browser: Awaited<ReturnType<typeof chromium.launch>> | undefined;
  let bundle = '';
  beforeAll(async () => {
    const result = await build({
      entryPoints: [join(repoRoot, 'tooling/package-check/test/browser/workload.ts')],
      bundle: true,
      write: false,
      format: 'iife',
      globalName: 'backpropWorkload',
      platform: 'browser',
      target: 'chrome100',
      logLevel: 'silent',
    });
    bundle = result.outputFiles[0]!.text;
    browser = await chromium.launch({
      executablePath: chromiumPath,
      args: chromiumArgs,
    });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    server?.close();
  });

  /** Serves the page and the bundle from localhost, cross-origin isolated or not. */
  let server: Server | undefined;
  async function origin(): Promise<string> {
    server ??= createServer((req, res) => {
      const isolated = req.url?.startsWith('/isolated/') ?? false;
      const headers: Record<string, string> = isolated
        ? {
            'Cross-Origin-Opener-Policy': 'same-origin',
            'Cross-Origin-Embedder-Policy': 'require-corp',
          }
        : {};
      if (req.url?.endsWith('/bundle.js')) {
        res.writeHead(200, { ...headers, 'Content-Type': 'text/javascript' }).end(bundle);
        return;
      }
      res
        .writeHead(200, { ...headers, 'Content-Type': 'text/html' })
        .end('<!doctype html><title>backprop</title><script src="bundle.js"></script>');
    });
    if (!server.listening) await new Promise<void>((done) => server!.listen(0, '127.0.0.1', done));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  async function threadsIn(
    path: string,
  ): Promise<{ result: ThreadsResult; isolated: boolean; problems: string[] }> {
    const page = await browser!.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    await page.goto(`${await origin()}${path}`);
    const isolated = await page.evaluate(
      () => (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true,
    );
    const result = await page.evaluate(() =>
      (
        globalThis as unknown as { backpropWorkload: { threaded: () => Promise<ThreadsResult> } }
      ).backpropWorkload.threaded(),
    );
    await page.close();
    return { result, isolated, problems };
  }

  it('split products (float64 and float32) across Web Workers on a cross-origin-isolated page, bit for bit as in Node', async () => {
    const { result, isolated, problems } = await threadsIn('/isolated/');
    expect(problems).toEqual([]);
    expect(isolated).toBe(true);
    expect(result).toMatchObject({ threads: 2, fallback: null, sameAsOneThread: true });
    // The Web Workers did part of the work, not only started.
    expect(result.workerChunks).toBeGreaterThan(0);
    expect(result.products).toBe((await threaded()).products);
  });

  it('run on one thread, with the same bits, on a page that is not cross-origin isolated', async () => {
    const { result, isolated, problems } = await threadsIn('/plain/');
    expect(problems).toEqual([]);
    expect(isolated).toBe(false);
    expect(result).toMatchObject({ threads: 1, sameAsOneThread: true, workerChunks: 0 });
    expect(result.fallback).toMatch(/no SharedArrayBuffer|not cross-origin isolated/);
    expect(result.products).toBe((await threaded()).products);
  });

  it('bundle without Node built-ins and give the same bits as in Node', async () => {
    expect(bundle).not.toMatch(/require\("(node:)?(fs|zlib|path|os)"\)/);
    const page = await browser!.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    await page.setContent('<!doctype html><title>backprop</title>');
    await page.addScriptTag({ content: bundle });
    const input = files();
    const inBrowser = await page.evaluate(
      (f) =>
        (
          globalThis as unknown as {
            backpropWorkload: { workload: (f: WorkloadFiles) => Promise<unknown> };
          }
        ).backpropWorkload.workload(f),
      input,
    );
    const inNode = await workload(input);
    expect(problems).toEqual([]);
    expect((inBrowser as { kernel: string }).kernel).toBe('wasm-simd');
    // The two kernels agree with each other in the browser too.
    const p = (inBrowser as { products: Record<string, string> }).products;
    expect(p['wasm-simd A·B']).toBe(p['js A·B']);
    expect(p['wasm-simd float32 A·B']).toBe(p['js float32 A·B']);
    expect(p['wasm-simd float32 A·B']).not.toBe(p['wasm-simd A·B']); // float32, not float64
    const { xor, softmax, ...exact } = inBrowser as typeof inNode;
    const { xor: nodeXor, softmax: nodeSoftmax, ...nodeExact } = inNode;
    expect(exact).toEqual(nodeExact);
    // Same seeds, same arithmetic; only the last ulp of Math.exp/Math.tanh may differ between V8
    // versions (Node 20's and Chromium's). Measured: 24 of 141 values differ, by at most 2.4e-16
    // relative; 1e-12 leaves room for other engines without hiding a real difference.
    expectClose(xor.flat(), nodeXor.flat(), { rtol: 1e-12, atol: 1e-14 });
    expectClose(softmax, nodeSoftmax, { rtol: 1e-12, atol: 1e-14 });
  });
});
