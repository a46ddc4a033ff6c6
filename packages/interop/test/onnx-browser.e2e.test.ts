import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { dirname, join, normalize } from 'node:path';
import { Matrix } from '@backprop/linalg';
import { predict } from '@backprop/model';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  chromiumArgs,
  chromiumPath,
  chromiumSuite,
  haveChromium,
} from '../../../tooling/test-support/chromium';
import { toOnnx } from '../src/index';
import { relativeError } from './helpers';
import { nets, trained, X } from './nets';

/**
 * The exports run in ONNX Runtime Web (onnxruntime-web 1.30, its WebAssembly backend) in Debian's
 * Chromium, served from a local HTTP server, and give backprop's predictions: float64 to 1e-12,
 * float32 to 1e-5 — as in onnxruntime-node.
 */
// The package exports no ./package.json; its Node entry point is in dist/ beside the browser files.
const ortDist = dirname(createRequire(import.meta.url).resolve('onnxruntime-web'));

const PAGE = `<!doctype html><title>ort</title><script type="module">
import * as ort from '/ort/ort.wasm.min.mjs';
ort.env.wasm.wasmPaths = '/ort/';
ort.env.wasm.numThreads = 1;
window.runModel = async (bytes, dtype, rows, cols, data) => {
  const session = await ort.InferenceSession.create(new Uint8Array(bytes), { executionProviders: ['wasm'] });
  const input = new ort.Tensor(dtype, dtype === 'float64' ? Float64Array.from(data) : Float32Array.from(data), [rows, cols]);
  const out = await session.run({ [session.inputNames[0]]: input });
  const y = out[session.outputNames[0]];
  return { dims: y.dims, data: Array.from(y.data) };
};
window.ready = true;
</script>`;

function serve(): Promise<Server> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/') {
      res.writeHead(200, { 'content-type': 'text/html' }).end(PAGE);
      return;
    }
    const file = normalize(join(ortDist, url.pathname.replace(/^\/ort\//, '')));
    if (!url.pathname.startsWith('/ort/') || !file.startsWith(ortDist)) {
      res.writeHead(404).end();
      return;
    }
    try {
      const type = file.endsWith('.wasm') ? 'application/wasm' : 'text/javascript';
      res.writeHead(200, { 'content-type': type }).end(readFileSync(file));
    } catch {
      res.writeHead(404).end();
    }
  });
  return new Promise((done) => server.listen(0, '127.0.0.1', () => done(server)));
}

describe.skipIf(!haveChromium)(
  chromiumSuite('toOnnx files in ONNX Runtime Web, in Chromium'),
  () => {
    let server: Server | undefined;
    let browser: Awaited<ReturnType<typeof chromium.launch>> | undefined;
    let page: Awaited<ReturnType<NonNullable<typeof browser>['newPage']>>;
    const problems: string[] = [];

    beforeAll(async () => {
      server = await serve();
      browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
      page = await browser.newPage();
      page.on('pageerror', (e) => problems.push(e.message));
      await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
      await page.waitForFunction(
        () => (globalThis as unknown as { ready?: boolean }).ready === true,
      );
    }, 120_000);
    afterAll(async () => {
      await browser?.close();
      await new Promise((done) => server?.close(done));
    });

    async function inBrowser(bytes: Uint8Array, dtype: 'float32' | 'float64'): Promise<Matrix> {
      const r = await page.evaluate(
        ([b, d, rows, cols, data]) =>
          (
            globalThis as unknown as {
              runModel: (...a: unknown[]) => Promise<{ dims: number[]; data: number[] }>;
            }
          ).runModel(b, d, rows, cols, data),
        [Array.from(bytes), dtype, X.rows, X.cols, Array.from(X.data)] as const,
      );
      return new Matrix(r.dims[0]!, r.dims[1]!, Float64Array.from(r.data));
    }

    it.each(nets)('%s: float64 to 1e-12 and float32 to 1e-5', async (_, layers) => {
      const model = trained(layers);
      const expected = predict(model, X);
      expect(relativeError(await inBrowser(toOnnx(model), 'float64'), expected)).toBeLessThan(
        1e-12,
      );
      expect(
        relativeError(await inBrowser(toOnnx(model, { dtype: 'float32' }), 'float32'), expected),
      ).toBeLessThan(1e-5);
      expect(problems).toEqual([]);
    });
  },
);
