import { percent } from './format';
import type { RunCard } from './run-card';

const row = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;
const rule = (n: number) => row(Array.from({ length: n }, () => '---'));
const figure = (v: number | undefined) => (v === undefined ? '' : v.toFixed(4));

function tableOf(header: string[], rows: (string | number)[][]): string {
  return [row(header), rule(header.length), ...rows.map(row)].join('\n');
}

function epochsTable(card: RunCard): string {
  const val = card.epochs.some((e) => e.valLoss !== undefined);
  const acc = card.epochs.some((e) => e.accuracy !== undefined);
  return tableOf(
    [
      'epoch',
      'loss',
      ...(acc ? ['accuracy'] : []),
      ...(val ? ['val loss', 'val accuracy'] : []),
      'seconds',
      'fingerprint',
    ],
    card.epochs.map((e) => [
      e.epoch,
      figure(e.loss),
      ...(acc ? [percent(e.accuracy)] : []),
      ...(val ? [figure(e.valLoss), percent(e.valAccuracy)] : []),
      e.seconds.toFixed(2),
      `\`${e.fingerprint}\``,
    ]),
  );
}

function confusionTable(classes: string[], counts: number[][]): string {
  return tableOf(
    ['true \\ predicted', ...classes],
    counts.map((r, k) => [`**${classes[k]}**`, ...r]),
  );
}

/** A part's name alone when it has no config, else its JSON. */
function partName(part: unknown): string {
  const p = part as { name?: unknown; config?: unknown } | null;
  return typeof p?.name === 'string' &&
    (p.config === undefined || Object.keys(p.config as object).length === 0)
    ? p.name
    : JSON.stringify(part);
}

function modelLines(card: RunCard): string[] {
  const r = card.resolved;
  return [
    `- ${r.model.inputSize} inputs → ${r.model.layers.map((l) => `${l.type}${'units' in l.config ? ` ${l.config.units}` : ''}${'activation' in l.config ? ` ${partName(l.config.activation)}` : ''}`).join(' → ')}; ${r.model.parameters} parameters`,
    `- loss \`${r.loss}\`; optimizer \`${JSON.stringify(r.optimizer)}\`; penalty ${r.penalty ? `\`${JSON.stringify(r.penalty)}\`` : 'none'}`,
    `- conventions: examples as ${r.conventions.layout}, ${r.conventions.bias} bias, ${r.conventions.reduction} loss, L2 ${r.conventions.l2}`,
  ];
}

/**
 * The card as Markdown for people, with the whole card as JSON in the last section so that
 * `backprop verify run.md` reads the very same record.
 */
export function cardMarkdown(card: RunCard): string {
  const env = card.environment;
  const final = card.epochs.at(-1);
  const parts = [
    `# Run card: ${card.data.name}, ${card.epochs.length} epochs`,
    `Recorded ${card.created} by backprop ${env.backprop} on Node.js ${env.node} (V8 ${env.v8}), ${env.platform} ${env.arch}, ${env.cpu}, matmul kernel \`${env.kernel}\`. Replay it with \`backprop verify\` on this file.`,
    `## Command\n\n\`\`\`sh\n${card.command}\n\`\`\``,
    `## Data\n\n${tableOf(
      ['', ''],
      [
        ['source', card.data.name],
        [
          'samples',
          `${card.data.samples} training${card.data.validationSamples ? `, ${card.data.validationSamples} validation` : ''}`,
        ],
        ['features', card.data.features],
        ['hash', `\`${card.data.sha256}\``],
      ],
    )}`,
    `## Model\n\n${modelLines(card).join('\n')}\n- config hash \`${card.configHash}\``,
    `## Epochs\n\n${epochsTable(card)}\n\nStopped: ${card.stopReason}${card.restoredEpoch ? ` (weights of epoch ${card.restoredEpoch} restored)` : ''}. Final weights \`${card.weights}\`${final ? `; final loss ${figure(final.loss)}` : ''}.`,
    card.confusion
      ? `## Confusion matrix (${card.confusion.validation ? 'validation rows' : 'training rows'})\n\n${confusionTable(card.confusion.classes, card.confusion.validation ?? card.confusion.training)}`
      : '## Confusion matrix\n\nNone: a regression has no classes.',
    `## Doctor\n\n${card.warnings.length ? card.warnings.map((w) => `- epoch ${w.epoch}${w.layer === null ? '' : `, layer ${w.layer}`}: **${w.code}** ${w.message} Fix: ${w.fix}`).join('\n') : card.config.doctor === false ? 'The doctor did not run (--no-doctor).' : 'No warnings.'}`,
    `## Timings\n\nData loaded in ${card.timings.loadSeconds.toFixed(2)} s; trained in ${card.timings.trainSeconds.toFixed(2)} s.`,
    `## Machine-readable card\n\n\`\`\`json\n${JSON.stringify(card, null, 2)}\n\`\`\``,
  ];
  return `${parts.join('\n\n')}\n`;
}
