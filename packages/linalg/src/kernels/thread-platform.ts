import { BROWSER_WORKER_SOURCE, NODE_WORKER_SOURCE } from './worker-source';

/*
 * Starting matrix threads where the engine can: Node's worker_threads, or a browser's Web Workers
 * on a cross-origin-isolated page (the only place SharedArrayBuffer exists). The package imports
 * no Node module statically (it is isomorphic): node:worker_threads and node:os are loaded with a
 * dynamic import only when running on Node.
 */

/** What a worker receives: the compiled module, the shared memory and its control slot. */
export interface WorkerInit {
  module: object;
  /** The fused (relaxed SIMD) build, or null where the engine lacks it. */
  fmaModule: object | null;
  /** The float32 build. */
  f32Module: object | null;
  memory: object;
  ctrl: Int32Array;
  /** The worker's slot in ctrl (worker t has slot t + 1; slot 0 is the shared job). */
  slot: number;
}

export interface ThreadHandle {
  terminate(): void;
}

export interface ThreadPlatform {
  /** Where the default thread count comes from, and the count. */
  cores(): Promise<number>;
  /** The BACKPROP_THREADS environment variable (Node), if set. */
  envThreads(): string | undefined;
  /** Starts one worker; `onFail` runs (on the event loop) if it errors or exits. */
  spawn(init: WorkerInit, onFail: () => void): Promise<ThreadHandle>;
}

interface NodeProcess {
  versions?: { node?: string };
  env?: Record<string, string | undefined>;
}

interface NodeWorker {
  unref(): void;
  on(event: 'error' | 'exit', listener: () => void): void;
  terminate(): Promise<number>;
}

interface BrowserWorker {
  postMessage(message: unknown): void;
  terminate(): void;
  addEventListener(type: 'error', listener: () => void): void;
}

type Globals = {
  process?: NodeProcess;
  SharedArrayBuffer?: unknown;
  Atomics?: unknown;
  crossOriginIsolated?: boolean;
  navigator?: { hardwareConcurrency?: number };
  Worker?: new (url: string) => BrowserWorker;
  Blob?: new (parts: string[], options: { type: string }) => object;
  URL?: { createObjectURL(blob: object): string; revokeObjectURL(url: string): void };
};

const g = globalThis as Globals;

// Specifiers in variables keep bundlers from trying to resolve Node modules for a browser build.
const WORKER_THREADS = 'node:worker_threads';
const OS = 'node:os';
const load = (specifier: string): Promise<unknown> => import(/* @vite-ignore */ specifier);

function nodePlatform(process: NodeProcess): ThreadPlatform {
  return {
    async cores() {
      const os = (await load(OS)) as { availableParallelism?: () => number; cpus: () => unknown[] };
      return os.availableParallelism ? os.availableParallelism() : os.cpus().length;
    },
    envThreads: () => process.env?.BACKPROP_THREADS,
    async spawn(init, onFail) {
      const { Worker } = (await load(WORKER_THREADS)) as {
        Worker: new (source: string, options: object) => NodeWorker;
      };
      const worker = new Worker(NODE_WORKER_SOURCE, { eval: true, workerData: init });
      // A process that trained exits when its work is done: the threads never keep it alive.
      worker.unref();
      worker.on('error', onFail);
      worker.on('exit', onFail);
      return { terminate: () => void worker.terminate() };
    },
  };
}

function browserPlatform(): ThreadPlatform {
  return {
    cores: async () => g.navigator?.hardwareConcurrency ?? 1,
    envThreads: () => undefined,
    async spawn(init, onFail) {
      const url = g.URL!.createObjectURL(
        new g.Blob!([BROWSER_WORKER_SOURCE], { type: 'text/javascript' }),
      );
      try {
        const worker = new g.Worker!(url);
        worker.addEventListener('error', onFail);
        worker.postMessage(init);
        return { terminate: () => worker.terminate() };
      } finally {
        g.URL!.revokeObjectURL(url);
      }
    },
  };
}

/**
 * The platform, or the reason there are no threads here (the caller then runs on one thread).
 */
export function threadPlatform(): ThreadPlatform | string {
  if (typeof g.SharedArrayBuffer !== 'function' || typeof g.Atomics !== 'object')
    return 'this engine has no SharedArrayBuffer (in a browser: the page is not cross-origin isolated)';
  const node = g.process?.versions?.node;
  if (node && g.process) return nodePlatform(g.process);
  if (g.crossOriginIsolated === true && typeof g.Worker === 'function' && g.Blob && g.URL)
    return browserPlatform();
  return 'this page is not cross-origin isolated (serve it with COOP: same-origin and COEP: require-corp)';
}
