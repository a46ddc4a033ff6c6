/**
 * How a signal stops the CLI. While training (`graceful`), the first SIGINT or SIGTERM stops after
 * the current batch, and the model and history are still written; the exit code then says which
 * signal stopped it (130 for SIGINT, 143 for SIGTERM, as a shell reports). Any other time, or a
 * second signal, exits at once with that code — saves are synchronous and atomic, so a signal can
 * never leave a half-written file behind.
 */
export interface StopSignal {
  aborted: boolean;
  signal: 'SIGINT' | 'SIGTERM' | null;
  graceful: boolean;
}

export const SIGNAL_EXIT = { SIGINT: 130, SIGTERM: 143 } as const;

export function newStopSignal(): StopSignal {
  return { aborted: false, signal: null, graceful: false };
}
