import { setThreads, threadsInfo } from '@backprop/linalg';
import { usage } from './errors';

/**
 * Starts the matrix threads `--threads` asks for ('auto': BACKPROP_THREADS, else every core) and
 * resolves to the count in use (1 where threads are unavailable). A bad count — the flag's or
 * BACKPROP_THREADS's — is a usage error naming it.
 */
export async function useThreads(flag: string): Promise<number> {
  const value = flag === 'auto' ? 'auto' : /^\d+$/.test(flag) ? Number(flag) : Number.NaN;
  try {
    return await setThreads(value);
  } catch (error) {
    const message = (error as Error).message.replace(/^setThreads:/, '--threads:');
    throw usage(message);
  }
}

/** "2 matrix threads", or "1 matrix thread" with the reason when more were possible. */
export function threadLabel(count: number): string {
  const { fallback } = threadsInfo();
  return count === 1
    ? `1 matrix thread${fallback ? ` (${fallback})` : ''}`
    : `${count} matrix threads`;
}

/**
 * "2 matrix threads: the workers did 48% of the shared work (3120 chunks)", or null when no
 * product was shared (one thread, or products too small to split).
 */
export function threadShareLine(): string | null {
  const { threads, chunks } = threadsInfo();
  if (threads === 1 || chunks.total === 0) return null;
  const share = Math.round((100 * chunks.byWorkers) / chunks.total);
  return `${threads} matrix threads: the workers did ${share}% of the shared work (${chunks.total} chunks)`;
}
