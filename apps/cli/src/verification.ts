import { canonicalJson } from '@backprop/linalg';
import { configHash, currentEnvironment, type RunCard, type RunEnvironment } from './run-card';

/** One epoch of a replay against the card. */
export interface EpochCheck {
  epoch: number;
  card: string | null;
  replay: string | null;
  matches: boolean;
  /** Figures that differ although the weights match (an edited card), e.g. `loss 0.01 → 0.5912`. */
  metrics: string[];
}

const FIGURES = ['loss', 'accuracy', 'valLoss', 'valAccuracy'] as const;

/** The figures of a card's epoch that differ from the replay's (exact: JSON keeps every bit). */
export function metricDifferences(
  card: Partial<Record<(typeof FIGURES)[number], number>> | undefined,
  replay: Partial<Record<(typeof FIGURES)[number], number>>,
): string[] {
  if (!card) return [];
  return FIGURES.filter((k) => card[k] !== replay[k]).map(
    (k) => `${k} ${card[k] ?? 'none'} on the card, ${replay[k] ?? 'none'} in the replay`,
  );
}

/** Known differences between the card's run and the replay: the leads for a mismatch. */
export interface Difference {
  code: 'CARD_EDITED' | 'DATA' | 'RESOLVED' | 'KERNEL' | 'ENGINE' | 'VERSION' | 'MACHINE';
  message: string;
}

/** Why the card and the replay may differ, found before training: edits, data, versions. */
export function differencesBefore(
  card: RunCard,
  replay: { data: string; resolved: unknown },
): Difference[] {
  const out: Difference[] = [];
  const now = configHash(card.config, card.resolved);
  if (now !== card.configHash)
    out.push({
      code: 'CARD_EDITED',
      message: `the card's config was edited after the run: it hashes to ${short(now)}, the run recorded ${short(card.configHash)}`,
    });
  if (replay.data !== card.data.sha256)
    out.push({
      code: 'DATA',
      message: `the training data differ from the run's: they hash to ${short(replay.data)}, the run's to ${short(card.data.sha256)}`,
    });
  if (canonicalJson(replay.resolved) !== canonicalJson(card.resolved))
    out.push({
      code: 'RESOLVED',
      message: `the settings resolve differently here (${firstDifference(card.resolved, replay.resolved)}): another version of backprop, or an edited card`,
    });
  return [...out, ...environmentDifferences(card.environment, currentEnvironment())];
}

function environmentDifferences(was: RunEnvironment, now: RunEnvironment): Difference[] {
  const out: Difference[] = [];
  if (was.kernel !== now.kernel)
    out.push({
      code: 'KERNEL',
      message: [was.kernel, now.kernel].includes('wasm-relaxed-fma')
        ? `the run used the ${was.kernel} matmul kernel, this replay ${now.kernel}: the fused multiply-add kernel changes the last bits of products, so every fingerprint after the first product differs`
        : `the run used the ${was.kernel} matmul kernel, this replay ${now.kernel} (the kernels are meant to agree bit for bit; a mismatch with only this difference is a bug to report)`,
    });
  if (was.node !== now.node || was.v8 !== now.v8)
    out.push({
      code: 'ENGINE',
      message: `the run was made on Node.js ${was.node} (V8 ${was.v8}), this replay on ${now.node} (V8 ${now.v8}): engines may differ in the last bit of Math.exp, Math.tanh and friends, and one bit is enough to change every fingerprint after it`,
    });
  if (was.backprop !== now.backprop)
    out.push({
      code: 'VERSION',
      message: `the run was made with backprop ${was.backprop}, this replay uses ${now.backprop}`,
    });
  if (was.platform !== now.platform || was.arch !== now.arch)
    out.push({
      code: 'MACHINE',
      message: `the run was made on ${was.platform} ${was.arch}, this replay on ${now.platform} ${now.arch}`,
    });
  return out;
}

const short = (hash: string) => `${hash.slice(0, 'sha256:'.length + 12)}…`;

/** The path of the first value that differs between two JSON values, e.g. `optimizer.config.beta1`. */
export function firstDifference(a: unknown, b: unknown, path = ''): string {
  if (canonicalJson(a) === canonicalJson(b)) return '';
  const objects = (v: unknown) => typeof v === 'object' && v !== null;
  if (!objects(a) || !objects(b) || Array.isArray(a) !== Array.isArray(b))
    return `${path || 'value'}: ${JSON.stringify(a)} → ${JSON.stringify(b)}`;
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  for (const key of new Set([...Object.keys(ra), ...Object.keys(rb)])) {
    const d = firstDifference(ra[key], rb[key], path ? `${path}.${key}` : key);
    if (d) return d;
  }
  return path || 'value';
}
