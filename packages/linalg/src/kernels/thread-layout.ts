/*
 * The matrix threads' control array (an Int32Array over a SharedArrayBuffer), shared by the pool
 * (threads.ts) and the code its workers run (worker-source.ts). Slot 0 is the job every thread
 * works on; slot t + 1 belongs to worker t. A slot is 32 ints (128 bytes: its own cache lines).
 *
 * Job slot:    [JOB] job number (the pool's thread publishes it; positive)
 *              [NEXT] next chunk to claim (every thread Atomics.adds it)   [CHUNKS] chunk count
 *              [OP] 1 block, 3 fused block, 5 float32 block, 7 fused float32 block, 0 stop,
 *                   2 test order (ARGS: worker, what, job)
 *              [ARGS..ARGS+10] the block's eleven arguments
 * Worker slot: [DONE] last job the worker has finished or passed   [STATE] 0 starting, 1 ready,
 *              2 failed   [GATE] job number while the worker may join that job, −job once it has
 *              joined, 0 once the pool's thread has closed it (the job went on without it)
 */

export const SLOT = 32;
export const JOB = 0;
export const NEXT = 1;
export const CHUNKS = 2;
export const OP = 3;
export const ARGS = 4;
export const DONE = 1;
export const STATE = 2;
export const GATE = 4;
export const READY = 1;
export const FAILED = 2;
export const OP_STOP = 0;
export const OP_BLOCK = 1;
export const OP_TEST = 2;
export const OP_FUSED_BLOCK = 3;
export const OP_F32_BLOCK = 5;
export const OP_FUSED_F32_BLOCK = 7;
/** Test orders: exit at once (a crash), or hang inside the next chunk the worker claims. */
export const TEST_EXIT = 0;
export const TEST_HANG = 1;
