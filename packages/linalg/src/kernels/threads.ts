import { InvalidArgumentError } from '../errors';
import { type BlockRunner, localRunner } from './block-runner';
import { type ThreadHandle, type ThreadPlatform, threadPlatform } from './thread-platform';
import {
  type BlockFunction,
  blockOf,
  compileKernel,
  instantiateKernel,
  type KernelVariant,
} from './wasm-instance';
import { SPIN_MS } from './worker-source';

/*
 * The matrix-thread pool. The WebAssembly kernel's shared build runs on this thread and on n − 1
 * workers over one shared memory; a block of a product is split on its rows of panels (output
 * rows, never the summed dimension), so each entry of C is computed by one thread in the same
 * order as on one thread: results are bit-identical for every thread count.
 *
 * Control array: one 32-int slot (128 bytes, its own cache lines) per worker:
 *   [0] job number (this thread increments it)   [1] last job done (the worker writes it)
 *   [2] state: 0 starting, 1 ready, 2 failed      [3] op: 1 block, 3 fused block, 0 stop,
 *   [4..14] the block's eleven arguments                                      2 die (tests)
 * Workers wait in Atomics.wait (no busy-waiting when idle). This thread waits for the others'
 * shares with Atomics.wait where the engine allows it (Node, workers) and spins on the short wait
 * where it does not (a browser's main thread). A worker that fails, exits or takes longer than
 * the timeout is replaced by this thread for that share, and the pool is shut down: from then on
 * products run on one thread, with the same results.
 */

const SLOT = 32;
const [JOB, DONE, STATE, OP, ARGS] = [0, 1, 2, 3, 4];
const [READY, FAILED] = [1, 2];
/** Tile-steps (32 flops each) below which a block is not worth waking a thread for: 2 MFLOP. */
const SPLIT_WORK = 65_536;
/** Most threads setThreads accepts. */
const MAX_THREADS = 256;

let timeoutMs = 5000;

interface Pool {
  size: number;
  ctrl: Int32Array;
  handles: ThreadHandle[];
  /** The exact kernel's runner and the fused one's (null where the engine lacks relaxed SIMD). */
  runners: Record<KernelVariant, BlockRunner | null>;
  ready: boolean;
}

let pool: Pool | null = null;
/** 'auto' until setThreads is called; the pool then starts on the first product worth splitting. */
let requested: number | 'auto' = 'auto';
let starting: Promise<number> | null = null;
let lastFallback: string | null = null;

/** Whether Atomics.wait may block here (not on a browser's main thread). */
let canBlock: boolean | undefined;
function blockingAllowed(): boolean {
  if (canBlock === undefined) {
    try {
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 1, 0);
      canBlock = true;
    } catch {
      canBlock = false;
    }
  }
  return canBlock;
}

/** Waits until worker slot `base` has done job `job`; false if it failed or timed out. */
function waitDone(ctrl: Int32Array, base: number, job: number): boolean {
  const now = performance.now();
  const deadline = now + timeoutMs;
  const awake = now + SPIN_MS;
  const block = blockingAllowed();
  for (;;) {
    const done = Atomics.load(ctrl, base + DONE);
    if (done === job) return true;
    if (Atomics.load(ctrl, base + STATE) === FAILED) return false;
    const left = deadline - performance.now();
    if (left <= 0) return false;
    // Spin while the share is likely to arrive any moment, then sleep (where allowed).
    if (block && performance.now() > awake)
      Atomics.wait(ctrl, base + DONE, done, Math.min(left, 50));
  }
}

/** The first panel of share t of `parts` over panels s0..s0+mp-1. */
const cut = (s0: number, mp: number, t: number, parts: number) => s0 + Math.floor((t * mp) / parts);

function splitRunner(p: Pool, block: BlockFunction, op: number): BlockFunction {
  const { ctrl } = p;
  return (s0, s1, np, kc, a, apanel, arow, astep, mc, pb, c) => {
    const mp = s1 - s0;
    const parts = p.runners.exact!.failed || mp * np * kc < SPLIT_WORK ? 1 : Math.min(p.size, mp);
    for (let t = 1; t < parts; t++) {
      const base = (t - 1) * SLOT;
      ctrl[base + OP] = op;
      ctrl[base + ARGS] = cut(s0, mp, t, parts);
      ctrl[base + ARGS + 1] = cut(s0, mp, t + 1, parts);
      ctrl[base + ARGS + 2] = np;
      ctrl[base + ARGS + 3] = kc;
      ctrl[base + ARGS + 4] = a;
      ctrl[base + ARGS + 5] = apanel;
      ctrl[base + ARGS + 6] = arow;
      ctrl[base + ARGS + 7] = astep;
      ctrl[base + ARGS + 8] = mc;
      ctrl[base + ARGS + 9] = pb;
      ctrl[base + ARGS + 10] = c;
      Atomics.add(ctrl, base + JOB, 1);
      Atomics.notify(ctrl, base + JOB, 1);
    }
    block(s0, cut(s0, mp, 1, parts), np, kc, a, apanel, arow, astep, mc, pb, c);
    for (let t = 1; t < parts; t++) {
      const base = (t - 1) * SLOT;
      if (waitDone(ctrl, base, Atomics.load(ctrl, base + JOB))) continue;
      // The worker is gone or stuck: do its share here (same sums, same result) and stop using
      // the shared memory after this block (a stuck worker could still write into it).
      block(
        cut(s0, mp, t, parts),
        cut(s0, mp, t + 1, parts),
        np,
        kc,
        a,
        apanel,
        arow,
        astep,
        mc,
        pb,
        c,
      );
      fail(p, 'a matrix thread failed or did not answer within the timeout');
    }
  };
}

function fail(p: Pool, reason: string): void {
  for (const r of Object.values(p.runners)) if (r) r.failed = true;
  lastFallback = reason;
  if (pool === p) pool = null;
  stop(p);
}

function stop(p: Pool): void {
  for (let t = 0; t < p.handles.length; t++) {
    const base = t * SLOT;
    sendStop(p, base);
    p.handles[t]!.terminate();
  }
}

/** Tells worker slot `base` to leave its loop. */
function sendStop(p: Pool, base: number): void {
  p.ctrl[base + OP] = 0;
  Atomics.add(p.ctrl, base + JOB, 1);
  Atomics.notify(p.ctrl, base + JOB);
}

async function startPool(size: number, platform: ThreadPlatform): Promise<number> {
  const kernel = instantiateKernel(true);
  if (!kernel) {
    lastFallback = 'this engine cannot instantiate WebAssembly with shared memory';
    return 1;
  }
  const fmaModule = compileKernel('fma', true);
  const ctrl = new Int32Array(new SharedArrayBuffer(4 * SLOT * (size - 1)));
  // Both runners share the memory (and so its views); only the block function differs.
  const exact = localRunner(kernel);
  const fma = fmaModule ? { ...localRunner(kernel), run: blockOf(fmaModule, kernel.memory) } : null;
  const p: Pool = { size, ctrl, handles: [], runners: { exact, fma }, ready: false };
  exact.run = splitRunner(p, exact.run, 1);
  if (fma) fma.run = splitRunner(p, fma.run, 3);
  try {
    for (let t = 0; t < size - 1; t++) {
      const base = t * SLOT;
      const onFail = () => {
        Atomics.store(ctrl, base + STATE, FAILED);
        Atomics.notify(ctrl, base + DONE);
        if (pool === p) fail(p, 'a matrix thread exited');
      };
      const init = { module: kernel.module, fmaModule, memory: kernel.memory, ctrl, base };
      p.handles.push(await platform.spawn(init, onFail));
    }
  } catch (error) {
    stop(p);
    lastFallback = `matrix threads could not start: ${(error as Error)?.message ?? error}`;
    return 1;
  }
  if (!(await allReady(p))) {
    stop(p);
    lastFallback = 'matrix threads did not start within the timeout';
    return 1;
  }
  if (pool) stop(pool);
  pool = p;
  lastFallback = null;
  return size;
}

/** Resolves when every worker has said it is ready (true), or one failed or the timeout passed. */
async function allReady(p: Pool): Promise<boolean> {
  const deadline = performance.now() + Math.max(timeoutMs, 10_000);
  for (;;) {
    if (poolReady(p)) return true;
    for (let t = 0; t < p.size - 1; t++)
      if (Atomics.load(p.ctrl, t * SLOT + STATE) === FAILED) return false;
    if (performance.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
}

/** Parses a thread count: a whole number 1..256 (or 'auto' for every core). */
function checkCount(value: unknown, where: string, text = false): number | 'auto' {
  if (value === 'auto') return 'auto';
  const n = text && typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : value;
  if (typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= MAX_THREADS) return n;
  throw new InvalidArgumentError(
    where,
    `${where}: the thread count must be a whole number from 1 to ${MAX_THREADS} or 'auto', not ${JSON.stringify(value)}`,
  );
}

async function resolveCount(n: number | 'auto', platform: ThreadPlatform): Promise<number> {
  if (n !== 'auto') return n;
  const env = platform.envThreads();
  if (env !== undefined && env.trim() !== '') {
    const fromEnv = checkCount(env, 'BACKPROP_THREADS', true);
    if (fromEnv !== 'auto') return fromEnv;
  }
  return Math.max(1, Math.min(MAX_THREADS, await platform.cores()));
}

async function apply(n: number | 'auto'): Promise<number> {
  const platform = threadPlatform();
  if (typeof platform === 'string') {
    lastFallback = platform;
    return 1;
  }
  const size = await resolveCount(n, platform);
  if (pool && pool.size === size) return size;
  if (pool) {
    stop(pool);
    pool = null;
  }
  if (size === 1) {
    lastFallback = null;
    return 1;
  }
  return startPool(size, platform);
}

/**
 * Sets how many threads matrix products use: a whole number, or 'auto' (the default: the
 * BACKPROP_THREADS environment variable in Node if set, else every core). Threads need
 * SharedArrayBuffer — Node, or a cross-origin-isolated page; elsewhere products run on one
 * thread. Results are bit-identical for every thread count, so this changes speed only. Resolves
 * to the number of threads now in use (1 when threads are unavailable: see threadsInfo()).
 */
export function setThreads(n: number | 'auto'): Promise<number> {
  requested = checkCount(n, 'setThreads');
  const next = (starting ?? Promise.resolve(0)).then(
    () => apply(requested),
    () => apply(requested),
  );
  starting = next;
  return next;
}

/** The number of threads matrix products use now (1 until a pool has started). */
export function threads(): number {
  return pool?.ready ? pool.size : 1;
}

/** The thread count in use and, when products run on one thread though more were asked for, why. */
export function threadsInfo(): {
  threads: number;
  requested: number | 'auto';
  fallback: string | null;
} {
  return { threads: threads(), requested, fallback: lastFallback };
}

/** True once every worker of the pool has said it is ready. */
function poolReady(p: Pool): boolean {
  if (p.ready) return true;
  for (let t = 0; t < p.size - 1; t++)
    if (Atomics.load(p.ctrl, t * SLOT + STATE) !== READY) return false;
  p.ready = true;
  return true;
}

/**
 * The pool's runner when a pool is running and ready, else null (products then run on this
 * thread's own instance). A first product worth splitting starts the default pool (in the
 * background: products run on one thread until it is ready).
 */
export function pooledRunner(work: number, variant: KernelVariant = 'exact'): BlockRunner | null {
  if (pool) return poolReady(pool) ? pool.runners[variant] : null;
  if (requested === 'auto' && starting === null && work >= SPLIT_WORK)
    starting = apply('auto').catch((error) => {
      lastFallback = (error as Error)?.message ?? String(error);
      return 1;
    });
  return null;
}

/** Tests only: how long this thread waits for a worker's share before doing it itself. */
export function setThreadTimeoutForTests(ms: number): void {
  timeoutMs = ms;
}

/**
 * Tests only: makes worker `t` (0-based) exit abruptly, as a crash would. Returns once the worker
 * has taken the order (it then exits at once); its exit event reaches this thread only when the
 * event loop next runs, so a product right after this call meets a worker that is silently gone.
 */
export function crashThreadForTests(t: number): void {
  if (!pool || t >= pool.size - 1) throw new Error(`no matrix thread ${t} to crash`);
  const base = t * SLOT;
  pool.ctrl[base + OP] = 2;
  const job = Atomics.add(pool.ctrl, base + JOB, 1) + 1;
  Atomics.notify(pool.ctrl, base + JOB);
  if (!waitDone(pool.ctrl, base, job)) throw new Error(`matrix thread ${t} did not take the order`);
}
