import { readFileSync } from 'node:fs';
import { writeFileAtomic } from '@backprop/model/node';
import { failure } from './errors';
import { CARD_FORMAT, CARD_VERSION, type RunCard } from './run-card';
import { cardMarkdown } from './run-card-markdown';

const isMarkdown = (path: string) => /\.(md|markdown)$/i.test(path);

/** Writes the card atomically: Markdown for a .md path, JSON otherwise. */
export function writeCard(path: string, card: RunCard): void {
  writeFileAtomic(
    path,
    isMarkdown(path) ? cardMarkdown(card) : `${JSON.stringify(card, null, 2)}\n`,
  );
}

/** The JSON of a card file: the whole file, or a Markdown card's last ```json block. */
function cardText(path: string, text: string): string {
  if (!isMarkdown(path) && !text.trimStart().startsWith('#')) return text;
  const blocks = [...text.matchAll(/^```json\n([\s\S]*?)\n```$/gm)];
  const last = blocks.at(-1);
  if (!last)
    throw failure(
      `${path}: no machine-readable card (a \`\`\`json block) in this Markdown file; was it written by backprop train --card?`,
    );
  return last[1]!;
}

const FINGERPRINT = /^sha256:[0-9a-f]{64}$/;

/** Why `card` is not a card this version reads, or null. */
function problemOf(card: Record<string, unknown>): string | null {
  if (card.format !== CARD_FORMAT) return `not a run card (format is not '${CARD_FORMAT}')`;
  if (typeof card.version !== 'number' || card.version > CARD_VERSION)
    return `card version ${String(card.version)} is newer than this backprop reads (${CARD_VERSION}); upgrade backprop`;
  if (typeof card.config !== 'object' || card.config === null || Array.isArray(card.config))
    return 'config must be an object of train options';
  for (const key of ['configHash', 'weights'] as const)
    if (typeof card[key] !== 'string' || !FINGERPRINT.test(card[key] as string))
      return `${key} must be sha256:<64 hex digits>`;
  const data = card.data as { sha256?: unknown } | undefined;
  if (typeof data?.sha256 !== 'string') return 'data.sha256 is missing';
  if (typeof card.environment !== 'object' || card.environment === null)
    return 'environment is missing';
  if (!Array.isArray(card.epochs)) return 'epochs must be an array';
  for (const [i, e] of (card.epochs as { epoch?: unknown; fingerprint?: unknown }[]).entries())
    if (e?.epoch !== i + 1 || typeof e.fingerprint !== 'string' || !FINGERPRINT.test(e.fingerprint))
      return `epochs[${i}] must be { epoch: ${i + 1}, fingerprint: sha256:…, … }`;
  return null;
}

/** Reads a card written by `train --card` (JSON or Markdown); any problem names the file. */
export function readCard(path: string): RunCard {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw failure(`${path}: ${code === 'ENOENT' ? 'no such file' : `cannot read it (${code})`}`, e);
  }
  let card: unknown;
  try {
    card = JSON.parse(cardText(path, text));
  } catch (e) {
    if (e instanceof SyntaxError) throw failure(`${path}: not valid JSON (${e.message})`, e);
    throw e;
  }
  if (typeof card !== 'object' || card === null || Array.isArray(card))
    throw failure(`${path}: not a run card (expected a JSON object)`);
  const problem = problemOf(card as Record<string, unknown>);
  if (problem) throw failure(`${path}: ${problem}`);
  return card as RunCard;
}
