import type { DoctorWarning } from '@backprop/model';

/**
 * One line per warning, as the CLI prints them: `doctor: epoch 3: … — fix …`; `examined` for a
 * saved model looked at after the fact, where there are no epochs (`backprop doctor`).
 */
export function warningLine(w: DoctorWarning, examined = false): string {
  const when = examined ? '' : `${w.epoch === 0 ? 'before training' : `epoch ${w.epoch}`}: `;
  const message = examined
    ? w.message.replace(' of this epoch', '').replace("on this epoch's data", 'on this data')
    : w.message;
  return `doctor: ${when}${message} — ${w.fix}\n`;
}
