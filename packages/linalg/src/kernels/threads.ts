import { InvalidArgumentError } from '../errors';
import { type BlockRunner, localRunner, runnerOn } from './block-runner';
import * as L from './thread-layout';
import { type ThreadHandle, type ThreadPlatform, threadPlatform } from './thread-platform';
import {
  type BlockFunction,
  blockOf,
  compileKernel,
  instantiateKernel,
  type KernelVariant,
  type KernelVariantF32,
} from './wasm-instance';
import { SPIN_MS } from './worker-source';

/*
 * The matrix-thread pool. The WebAssembly kernel's shared build runs on this thread and on n − 1
 * workers over one shared memory. A block of a product is cut into chunks of whole row panels
 * (output rows, never the summed dimension), so each entry of C is computed by one thread in the
 * same order as on one thread: results are bit-identical for every thread count.
 *
 * Work sharing (layout in thread-layout.ts): this thread publishes the block as a job, starts on
 * it at once, and every thread claims chunks with Atomics.add until none are left. A worker joins
 * a job only through its gate; once the chunks are gone this thread closes the gates of workers
 * that have not joined and waits only for those that have (they are finishing a chunk). So a
 * worker that is slow to wake — milliseconds on a busy virtual machine — costs nothing but its
 * help, instead of stalling every product. Workers wait in Atomics.wait when idle.
 *
 * A worker that fails, exits, stays inside a chunk longer than the timeout, or answers no job for
 * longer than the timeout is given up: the block is redone on this thread (same sums, same
 * result) and the pool is shut down; from then on products run on one thread.
 */

/** Tile-steps (32 flops each) below which a block is not worth sharing: 2 MFLOP. */
const SPLIT_WORK = 65_536;
/** Chunks per thread: small enough to balance a late or slow thread, large enough to be cheap. */
const CHUNKS_PER_THREAD = 4;
/** Most threads setThreads accepts. */
const MAX_THREADS = 256;
/** Job numbers stay positive (a gate holds −job once joined, 0 once closed). */
const LAST_JOB = 0x3fff_ffff;

let timeoutMs = 5000;

interface Pool {
  size: number;
  ctrl: Int32Array;
  handles: ThreadHandle[];
  /** The exact kernel's runner and the fused one's (null where the engine lacks relaxed SIMD). */
  runners: Record<KernelVariant, BlockRunner | null>;
  /** The float32 kernel's runners, exact and fused (null where a build does not compile). */
  f32: Record<KernelVariantF32, BlockRunner<Float32Array> | null>;
  ready: boolean;
  /** The last job published. */
  job: number;
  /** Per worker: its DONE when last checked, and since when it has not moved (0: it has). */
  lastDone: Int32Array;
  silentSince: Float64Array;
  /** Chunks of shared blocks so far, and how many of them this thread did itself. */
  chunks: number;
  chunksHere: number;
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

const slotOf = (t: number) => (t + 1) * L.SLOT;

/** Waits until worker t has finished job `job`; false if it failed or timed out. */
function waitDone(ctrl: Int32Array, t: number, job: number): boolean {
  const base = slotOf(t);
  const now = performance.now();
  const deadline = now + timeoutMs;
  const awake = now + SPIN_MS;
  const block = blockingAllowed();
  for (;;) {
    const done = Atomics.load(ctrl, base + L.DONE);
    if (done === job) return true;
    if (Atomics.load(ctrl, base + L.STATE) === L.FAILED) return false;
    const left = deadline - performance.now();
    if (left <= 0) return false;
    // Spin while the chunk is likely to end any moment, then sleep (where allowed).
    if (block && performance.now() > awake)
      Atomics.wait(ctrl, base + L.DONE, done, Math.min(left, 50));
  }
}

/** The next job's number (now the pool's last job). */
function nextJob(p: Pool): number {
  p.job = p.job >= LAST_JOB ? 1 : p.job + 1;
  return p.job;
}

/** Publishes job `job` (its arguments and the gates already written); its number. */
function publish(p: Pool, op: number, job = nextJob(p)): number {
  Atomics.store(p.ctrl, L.OP, op);
  Atomics.store(p.ctrl, L.JOB, job);
  Atomics.notify(p.ctrl, L.JOB);
  return job;
}

/** The first panel of chunk i of `chunks` over panels s0..s0+mp-1. */
const cut = (s0: number, mp: number, i: number, chunks: number) =>
  s0 + Math.floor((i * mp) / chunks);

/** Closes the gates of workers that did not join `job`; false if one that joined failed. */
function closeJob(p: Pool, job: number): boolean {
  let ok = true;
  for (let t = 0; t < p.size - 1; t++) {
    const gate = slotOf(t) + L.GATE;
    if (Atomics.compareExchange(p.ctrl, gate, job, 0) !== job) ok = waitDone(p.ctrl, t, job) && ok;
  }
  return ok;
}

/** True while every worker answers jobs: each must move within the timeout of being asked. */
function workersAlive(p: Pool, job: number): boolean {
  const now = performance.now();
  for (let t = 0; t < p.size - 1; t++) {
    const done = Atomics.load(p.ctrl, slotOf(t) + L.DONE);
    if (done === job || done !== p.lastDone[t]) {
      p.lastDone[t] = done;
      p.silentSince[t] = 0;
    } else if (p.silentSince[t] === 0) p.silentSince[t] = now;
    else if (now - p.silentSince[t]! > timeoutMs) return false;
  }
  return true;
}

function splitRunner(p: Pool, block: BlockFunction, op: number): BlockFunction {
  const { ctrl } = p;
  return (s0, s1, np, kc, a, apanel, arow, astep, mc, pb, c) => {
    const mp = s1 - s0;
    if (p.runners.exact!.failed || mp < 2 || mp * np * kc < SPLIT_WORK) {
      block(s0, s1, np, kc, a, apanel, arow, astep, mc, pb, c);
      return;
    }
    const chunks = Math.min(mp, CHUNKS_PER_THREAD * p.size);
    ctrl[L.ARGS] = s0;
    ctrl[L.ARGS + 1] = s1;
    ctrl[L.ARGS + 2] = np;
    ctrl[L.ARGS + 3] = kc;
    ctrl[L.ARGS + 4] = a;
    ctrl[L.ARGS + 5] = apanel;
    ctrl[L.ARGS + 6] = arow;
    ctrl[L.ARGS + 7] = astep;
    ctrl[L.ARGS + 8] = mc;
    ctrl[L.ARGS + 9] = pb;
    ctrl[L.ARGS + 10] = c;
    ctrl[L.CHUNKS] = chunks;
    Atomics.store(ctrl, L.NEXT, 0);
    const job = nextJob(p);
    for (let t = 0; t < p.size - 1; t++) Atomics.store(ctrl, slotOf(t) + L.GATE, job);
    publish(p, op, job);
    for (
      let i = Atomics.add(ctrl, L.NEXT, 1);
      i < chunks;
      i = Atomics.add(ctrl, L.NEXT, 1), p.chunksHere++
    )
      block(
        cut(s0, mp, i, chunks),
        cut(s0, mp, i + 1, chunks),
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
    p.chunks += chunks;
    if (!closeJob(p, job)) {
      // A worker that joined is gone or stuck inside a chunk: redo the block here (same sums,
      // same result) and stop using the shared memory after it (a stuck worker could still
      // write into it).
      block(s0, s1, np, kc, a, apanel, arow, astep, mc, pb, c);
      fail(p, 'a matrix thread failed or did not answer within the timeout');
    } else if (!workersAlive(p, job)) fail(p, 'a matrix thread did not answer within the timeout');
  };
}

function fail(p: Pool, reason: string): void {
  for (const r of [...Object.values(p.runners), ...Object.values(p.f32)]) if (r) r.failed = true;
  lastFallback = reason;
  if (pool === p) pool = null;
  stop(p);
}

/** Tells every worker to leave its loop, and ends them. */
function stop(p: Pool): void {
  publish(p, L.OP_STOP);
  for (const handle of p.handles) handle.terminate();
}

async function startPool(size: number, platform: ThreadPlatform): Promise<number> {
  const kernel = instantiateKernel(true);
  if (!kernel) {
    lastFallback = 'this engine cannot instantiate WebAssembly with shared memory';
    return 1;
  }
  const fmaModule = compileKernel('fma', true);
  const f32Module = compileKernel('f32', true);
  const f32FmaModule = compileKernel('f32-fma', true);
  const ctrl = new Int32Array(new SharedArrayBuffer(4 * L.SLOT * size));
  // Both runners share the memory (and so its views); only the block function differs.
  const exact = localRunner(kernel);
  const fma = fmaModule ? { ...localRunner(kernel), run: blockOf(fmaModule, kernel.memory) } : null;
  const f32On = (module: object | null) =>
    module ? runnerOn(Float32Array, kernel.memory, blockOf(module, kernel.memory)) : null;
  const f32 = { f32: f32On(f32Module), 'f32-fma': f32On(f32FmaModule) };
  const p: Pool = {
    size,
    ctrl,
    handles: [],
    runners: { exact, fma },
    f32,
    ready: false,
    job: 0,
    lastDone: new Int32Array(size - 1),
    silentSince: new Float64Array(size - 1),
    chunks: 0,
    chunksHere: 0,
  };
  exact.run = splitRunner(p, exact.run, L.OP_BLOCK);
  if (fma) fma.run = splitRunner(p, fma.run, L.OP_FUSED_BLOCK);
  if (f32.f32) f32.f32.run = splitRunner(p, f32.f32.run, L.OP_F32_BLOCK);
  const f32Fma = f32['f32-fma'];
  if (f32Fma) f32Fma.run = splitRunner(p, f32Fma.run, L.OP_FUSED_F32_BLOCK);
  try {
    for (let t = 0; t < size - 1; t++) {
      const base = slotOf(t);
      const onFail = () => {
        Atomics.store(ctrl, base + L.STATE, L.FAILED);
        Atomics.notify(ctrl, base + L.DONE);
        if (pool === p) fail(p, 'a matrix thread exited');
      };
      const init = {
        module: kernel.module,
        fmaModule,
        f32Module,
        f32FmaModule,
        memory: kernel.memory,
        ctrl,
        slot: t + 1,
      };
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
      if (Atomics.load(p.ctrl, slotOf(t) + L.STATE) === L.FAILED) return false;
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

/** What {@link threadsInfo} reports. */
export interface ThreadsInfo {
  /** The number of threads products use now. */
  threads: number;
  /** What setThreads last asked for ('auto' until it is called). */
  requested: number | 'auto';
  /** Why products run on one thread though more were asked for, else null. */
  fallback: string | null;
  /**
   * The running pool's shared work since it started: chunks of row panels of the blocks it
   * shared, and how many of them the workers did (the rest the calling thread did itself). Zeros
   * without a pool. A worker joins a block when it is awake; byWorkers / total near
   * (threads − 1) / threads means every thread did its part.
   */
  chunks: { total: number; byWorkers: number };
}

/** The thread count in use, why it is 1 if more were asked for, and how the work was shared. */
export function threadsInfo(): ThreadsInfo {
  const chunks = pool ? { total: pool.chunks, byWorkers: pool.chunks - pool.chunksHere } : null;
  return {
    threads: threads(),
    requested,
    fallback: lastFallback,
    chunks: chunks ?? { total: 0, byWorkers: 0 },
  };
}

/** True once every worker of the pool has said it is ready. */
function poolReady(p: Pool): boolean {
  if (p.ready) return true;
  for (let t = 0; t < p.size - 1; t++)
    if (Atomics.load(p.ctrl, slotOf(t) + L.STATE) !== L.READY) return false;
  p.ready = true;
  return true;
}

/**
 * The pool's runner when a pool is running and ready, else null (products then run on this
 * thread's own instance). A first product worth splitting starts the default pool (in the
 * background: products run on one thread until it is ready).
 */
export function pooledRunner(work: number, variant: KernelVariant = 'exact'): BlockRunner | null {
  return readyPool(work)?.runners[variant] ?? null;
}

/** The pool's float32 runner, as {@link pooledRunner}. */
export function pooledRunnerF32(
  work: number,
  variant: KernelVariantF32 = 'f32',
): BlockRunner<Float32Array> | null {
  return readyPool(work)?.f32[variant] ?? null;
}

function readyPool(work: number): Pool | null {
  if (pool) return poolReady(pool) ? pool : null;
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
 * Tests only: makes worker `t` (0-based) exit abruptly, as a crash would ('exit'), or hang inside
 * the next chunk it claims ('hang'). Returns once the worker has taken the order; an exit event
 * reaches this thread only when the event loop next runs, so a product right after this call
 * meets a worker that is silently gone.
 */
export function breakThreadForTests(t: number, how: 'exit' | 'hang'): void {
  if (!pool || t >= pool.size - 1) throw new Error(`no matrix thread ${t} to break`);
  pool.ctrl[L.ARGS] = t;
  pool.ctrl[L.ARGS + 1] = how === 'exit' ? L.TEST_EXIT : L.TEST_HANG;
  const job = nextJob(pool);
  pool.ctrl[L.ARGS + 2] = job;
  publish(pool, L.OP_TEST, job);
  if (!waitDone(pool.ctrl, t, job)) throw new Error(`matrix thread ${t} did not take the order`);
}
