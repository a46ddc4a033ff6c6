/*
 * The code a matrix thread runs, as text (a worker is started from a string, so the package needs
 * no separate worker file and no bundler support). Both versions instantiate gemm-block's shared
 * builds (exact, and fused where the engine has relaxed SIMD) on the pool's memory, say they are ready, then serve jobs from their slot of the control
 * array (layout in threads.ts) until told to stop — blocked in Atomics.wait, never spinning.
 */

/** How long a thread keeps checking for its next job before it sleeps (milliseconds). */
export const SPIN_MS = 1;

const SERVE = `
const SPIN_MS = ${SPIN_MS};
function serve(ctrl, base, blocks, die) {
  Atomics.store(ctrl, base + 2, 1);
  Atomics.notify(ctrl, base + 2);
  let seen = 0;
  for (;;) {
    // Training asks for the next share within microseconds: stay awake for SPIN_MS after a job,
    // then sleep in Atomics.wait (a sleeping thread takes tens of microseconds to wake).
    const awake = performance.now() + SPIN_MS;
    while (Atomics.load(ctrl, base) === seen && performance.now() < awake);
    Atomics.wait(ctrl, base, seen);
    const seq = Atomics.load(ctrl, base);
    if (seq === seen) continue;
    seen = seq;
    const op = ctrl[base + 3];
    if (op === 0) return;
    if (op === 2) {
      Atomics.store(ctrl, base + 1, seq);
      Atomics.notify(ctrl, base + 1);
      die();
      return;
    }
    try {
      blocks[op](ctrl[base + 4], ctrl[base + 5], ctrl[base + 6], ctrl[base + 7], ctrl[base + 8],
        ctrl[base + 9], ctrl[base + 10], ctrl[base + 11], ctrl[base + 12], ctrl[base + 13],
        ctrl[base + 14]);
    } catch (error) {
      Atomics.store(ctrl, base + 2, 2);
      Atomics.notify(ctrl, base + 1);
      throw error;
    }
    Atomics.store(ctrl, base + 1, seq);
    Atomics.notify(ctrl, base + 1);
  }
}
`;

/** A Node worker_threads worker (eval'd as CommonJS); its job arrives as workerData. */
export const NODE_WORKER_SOURCE = `${SERVE}
const { workerData } = require('node:worker_threads');
const { module, fmaModule, memory, ctrl, base } = workerData;
const block = (m) => m && new WebAssembly.Instance(m, { env: { memory } }).exports.block;
serve(ctrl, base, [null, block(module), null, block(fmaModule)], () => process.exit(1));
`;

/** A browser Web Worker (from a Blob URL); its job arrives as its first message. */
export const BROWSER_WORKER_SOURCE = `${SERVE}
self.onmessage = (event) => {
  const { module, fmaModule, memory, ctrl, base } = event.data;
  const block = (m) => m && new WebAssembly.Instance(m, { env: { memory } }).exports.block;
  serve(ctrl, base, [null, block(module), null, block(fmaModule)], () => self.close());
};
`;
