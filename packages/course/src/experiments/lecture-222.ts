import { lecture222 } from '@backprop/model';
import { around, type Experiment, heading, metric } from '../experiment';

/**
 * The lecture notes' worked 2-2-2 example (003 §3.4.4): δ³ for output [0.5, 0.4] and target
 * [0.7, 0.1], under the notes' convention (g′ at the target: −0.042, 0.027) and the chain rule's
 * (g′ at the output: −0.05, 0.072), from `lecture222()` — the same example `backprop trace
 * --example lecture-222` prints in full.
 */
export const lecture222Experiment: Experiment = {
  id: 'lecture-222',
  title: "The lecture notes' worked 2-2-2 example: the output deltas",
  source: 'lecture notes (003) §3.4.4',
  quick: true,
  switches: [],
  needs: [],
  async run() {
    const e = lecture222();
    // 1e-15 absolute: (a − y)·y(1 − y) takes three roundings of numbers below 1.
    const band = (v: number) => around(v, 0, 1e-15);
    const [d1, d2] = e.deltas.document;
    const [s1, s2] = e.deltas.standard;
    return {
      ...heading(lecture222Experiment),
      settings: { output: e.output, target: e.target },
      shortened: false,
      metrics: [
        metric('δ³₁, the notes’ convention (g′ at the target)', d1!, {
          document: -0.042,
          band: band(-0.042),
        }),
        metric('δ³₂, the notes’ convention', d2!, { document: 0.027, band: band(0.027) }),
        metric('δ³₁, the chain rule (g′ at the output)', s1!, {
          documentText: '(the notes do not give it)',
          band: band(-0.05),
        }),
        metric('δ³₂, the chain rule', s2!, {
          documentText: '(the notes do not give it)',
          band: band(0.072),
        }),
      ],
      notes: e.notes,
      plots: [],
    };
  },
};
