import * as L from './thread-layout';

/*
 * The code a matrix thread runs, as text (a worker is started from a string, so the package needs
 * no separate worker file and no bundler support). Both versions instantiate gemm-block's shared
 * builds (exact, float32, and fused where the engine has relaxed SIMD) on the pool's memory, say they are
 * ready, then serve jobs (layout in thread-layout.ts) until told to stop — blocked in
 * Atomics.wait when idle, never spinning for long.
 *
 * A job is shared: the worker joins it only through its gate (so it never reads the arguments of
 * a job the pool's thread has already finished without it), then claims chunks of row panels
 * until none are left.
 */

/** How long a thread keeps checking for its next job before it sleeps (milliseconds). */
export const SPIN_MS = 1;

const SERVE = `
const SPIN_MS = ${SPIN_MS};
function serve(ctrl, me, blocks, die) {
  const slot = me * ${L.SLOT}; // me: this worker's slot number (worker t has slot t + 1)
  Atomics.store(ctrl, slot + ${L.STATE}, ${L.READY});
  Atomics.notify(ctrl, slot + ${L.STATE});
  let seen = 0;
  let hang = false;
  const finish = (seq) => {
    Atomics.store(ctrl, slot + ${L.DONE}, seq);
    Atomics.notify(ctrl, slot + ${L.DONE});
  };
  for (;;) {
    // Training asks for the next product within microseconds: stay awake for SPIN_MS after a
    // job, then sleep in Atomics.wait (waking a sleeping thread can take milliseconds).
    const awake = performance.now() + SPIN_MS;
    while (Atomics.load(ctrl, ${L.JOB}) === seen && performance.now() < awake);
    Atomics.wait(ctrl, ${L.JOB}, seen);
    const seq = Atomics.load(ctrl, ${L.JOB});
    if (seq === seen) continue;
    seen = seq;
    const op = Atomics.load(ctrl, ${L.OP});
    if (op === ${L.OP_STOP}) return;
    if (op === ${L.OP_TEST}) {
      // Read the order before acknowledging it: the next job may overwrite it at once.
      // (An order seen while passing an older job is that job's no more: it carries its number.)
      const forMe = ctrl[${L.ARGS}] === me - 1 && ctrl[${L.ARGS + 2}] === seq;
      const order = forMe ? ctrl[${L.ARGS + 1}] : -1;
      if (order === ${L.TEST_HANG}) hang = true;
      finish(seq);
      if (order === ${L.TEST_EXIT}) return die();
      continue;
    }
    if (Atomics.compareExchange(ctrl, slot + ${L.GATE}, seq, -seq) === seq) {
      try {
        work(ctrl, blocks[Atomics.load(ctrl, ${L.OP})], hang);
      } catch (error) {
        Atomics.store(ctrl, slot + ${L.STATE}, ${L.FAILED});
        Atomics.notify(ctrl, slot + ${L.DONE});
        throw error;
      }
    }
    finish(seq);
  }
}
function work(ctrl, block, hang) {
  const [s0, s1, chunks] = [ctrl[${L.ARGS}], ctrl[${L.ARGS + 1}], ctrl[${L.CHUNKS}]];
  const mp = s1 - s0;
  for (;;) {
    const i = Atomics.add(ctrl, ${L.NEXT}, 1);
    if (i >= chunks) return;
    if (hang) Atomics.wait(ctrl, ${L.SLOT - 1}, 0);
    block(s0 + Math.floor((i * mp) / chunks), s0 + Math.floor(((i + 1) * mp) / chunks),
      ctrl[${L.ARGS + 2}], ctrl[${L.ARGS + 3}], ctrl[${L.ARGS + 4}], ctrl[${L.ARGS + 5}],
      ctrl[${L.ARGS + 6}], ctrl[${L.ARGS + 7}], ctrl[${L.ARGS + 8}], ctrl[${L.ARGS + 9}],
      ctrl[${L.ARGS + 10}]);
  }
}
// The block function of each build, indexed by its job's operation.
function blocks(module, fmaModule, f32Module, f32FmaModule, memory) {
  const block = (m) => m && new WebAssembly.Instance(m, { env: { memory } }).exports.block;
  const byOp = [];
  byOp[${L.OP_BLOCK}] = block(module);
  byOp[${L.OP_FUSED_BLOCK}] = block(fmaModule);
  byOp[${L.OP_F32_BLOCK}] = block(f32Module);
  byOp[${L.OP_FUSED_F32_BLOCK}] = block(f32FmaModule);
  return byOp;
}
`;

/** A Node worker_threads worker (eval'd as CommonJS); its job arrives as workerData. */
export const NODE_WORKER_SOURCE = `${SERVE}
const { workerData } = require('node:worker_threads');
const { module, fmaModule, f32Module, f32FmaModule, memory, ctrl, slot } = workerData;
serve(ctrl, slot, blocks(module, fmaModule, f32Module, f32FmaModule, memory), () => process.exit(1));
`;

/** A browser Web Worker (from a Blob URL); its job arrives as its first message. */
export const BROWSER_WORKER_SOURCE = `${SERVE}
self.onmessage = (event) => {
  const { module, fmaModule, f32Module, f32FmaModule, memory, ctrl, slot } = event.data;
  serve(ctrl, slot, blocks(module, fmaModule, f32Module, f32FmaModule, memory), () => self.close());
};
`;
