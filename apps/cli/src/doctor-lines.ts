import type { DoctorWarning } from '@backprop/model';

/** One line per warning, as the CLI prints them: `doctor: epoch 3: … — fix: …`. */
export function warningLine(w: DoctorWarning): string {
  return `doctor: ${w.epoch === 0 ? 'before training' : `epoch ${w.epoch}`}: ${w.message} — ${w.fix}\n`;
}
