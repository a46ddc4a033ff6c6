import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { type Callback, fingerprint } from '@backprop/model';
import { Command } from 'commander';
import { defaultOptions, mergeOptions } from '../config-file';
import { BUILT_IN } from '../data-source';
import { CliError, EXIT, usage } from '../errors';
import type { Io } from '../io';
import { cardConfig, commandLine, type RunCard, resolvedRun, runDataHash } from '../run-card';
import { readCard } from '../run-card-file';
import type { StopSignal } from '../stop';
import { prepareRun, runTraining, SETTING_KEYS, type TrainingSettings } from '../training';
import {
  type Difference,
  differencesBefore,
  type EpochCheck,
  metricDifferences,
} from '../verification';
import { trainCommand } from './train';

interface VerifyOptions {
  data?: string;
  json: boolean;
}

export function verifyCommand(io: Io, signal: StopSignal): Command {
  return new Command('verify')
    .description(
      'replay a run from its card (train --card) and check, epoch by epoch, that the weights are the same bits; exit code 1 where they are not',
    )
    .argument('<card>', 'a run card written by backprop train --card (run.json or run.md)')
    .option(
      '--data <source>',
      "the training data, where the card's source has moved (its hash must still match)",
    )
    .option('--json', 'print one JSON document on stdout and nothing else', false)
    .addHelpText(
      'after',
      `
A relative data path is looked up from the current directory, then from the card's.

Examples:
  $ backprop train --data mnist --epochs 3 --card run.md
  $ backprop verify run.md`,
    )
    .action(async (path: string, o: VerifyOptions) => {
      await verify(io, signal, path, o);
    });
}

/** The card's settings, checked by train's own option parsers, with train's defaults. */
function settingsOf(card: RunCard, path: string, io: Io, signal: StopSignal): TrainingSettings {
  const unknown = Object.keys(card.config).filter(
    (k) => !(SETTING_KEYS as readonly string[]).includes(k),
  );
  if (unknown.length)
    throw usage(
      `${path}: config: '${unknown[0]}' is not a training setting; the settings are ${SETTING_KEYS.join(', ')}`,
    );
  const train = trainCommand(io, signal);
  return mergeOptions(
    train,
    defaultOptions(train),
    card.config,
    `${path}: config`,
  ) as unknown as TrainingSettings;
}

/** The data source to replay with: --data, else the card's, found beside the card if moved. */
function dataSource(settings: TrainingSettings, path: string, o: VerifyOptions) {
  if (o.data) return o.data;
  const source = settings.data;
  if ((BUILT_IN as readonly string[]).includes(source) || source === '-' || existsSync(source))
    return source;
  const besideCard = resolve(dirname(path), source);
  return existsSync(besideCard) ? besideCard : source;
}

/** Compares each epoch's fingerprint with the card's as training goes; stops at the first mismatch. */
function epochChecker(card: RunCard, checks: EpochCheck[], io: Io | null): Callback {
  return {
    onEpochEnd(logs, ctx) {
      const recorded = card.epochs[logs.epoch - 1];
      const expected = recorded?.fingerprint ?? null;
      const same = expected !== null && expected === logs.fingerprint;
      const metrics = same ? metricDifferences(recorded, logs) : [];
      const check = {
        epoch: logs.epoch,
        card: expected,
        replay: logs.fingerprint ?? null,
        matches: same && metrics.length === 0,
        metrics,
      };
      checks.push(check);
      const detail = !same
        ? `\n            the card has ${check.card ?? 'no such epoch'}`
        : metrics.length
          ? `\n            same weights, but ${metrics.join('; ')}`
          : '';
      io?.out(
        `epoch ${String(check.epoch).padStart(3)}  ${check.matches ? 'matches' : 'DIFFERS'}  ${check.replay}${detail}\n`,
      );
      if (!check.matches) ctx.stop('callback');
    },
  };
}

async function verify(io: Io, signal: StopSignal, path: string, o: VerifyOptions): Promise<void> {
  const card = readCard(path);
  const settings = settingsOf(card, path, io, signal);
  settings.data = dataSource(settings, path, o);
  const run = await prepareRun(settings);
  const differences = differencesBefore(card, {
    data: runDataHash(run),
    resolved: resolvedRun(run),
  });
  const text = o.json ? null : io;
  text?.out(
    `replaying ${path}: ${card.data.name}, ${card.epochs.length} epochs: ${commandLine(cardConfig(settings))}\n`,
  );
  const checks: EpochCheck[] = [];
  const history = await runTraining(run, { watchers: [epochChecker(card, checks, text)] }, signal);
  const aborted = history.stopReason === 'aborted';
  const firstMismatch = checks.find((c) => !c.matches) ?? null;
  const missing =
    !firstMismatch && !aborted && checks.length < card.epochs.length ? checks.length + 1 : null;
  const weights = fingerprint(run.model);
  const weightsMatch = !firstMismatch && !missing && !aborted && weights === card.weights;
  const edited = differences.some((d) => d.code === 'CARD_EDITED');
  const verified = weightsMatch && !edited;
  report(io, o, {
    path,
    card,
    checks,
    firstMismatch,
    missing,
    weights,
    weightsMatch,
    aborted,
    differences,
    verified,
  });
  if (!verified) throw new CliError('', aborted ? 130 : EXIT.failure);
}

interface Outcome {
  path: string;
  card: RunCard;
  checks: EpochCheck[];
  firstMismatch: EpochCheck | null;
  missing: number | null;
  weights: string;
  weightsMatch: boolean;
  aborted: boolean;
  differences: Difference[];
  verified: boolean;
}

function verdict(r: Outcome): string {
  if (r.aborted)
    return `stopped after ${r.checks.length} of ${r.card.epochs.length} epochs; nothing verified beyond them`;
  if (r.firstMismatch)
    return `not verified: the replay first differs from the card at epoch ${r.firstMismatch.epoch}${r.firstMismatch.metrics.length ? " (the same weights, but not the card's figures: the card was edited)" : ''}`;
  if (r.missing) return `not verified: the replay stopped before epoch ${r.missing} of the card`;
  if (!r.weightsMatch)
    return `not verified: every epoch matches but the final weights differ (${r.weights})`;
  if (!r.verified) return `not verified: the weights match, but the card was edited after the run`;
  return `verified: all ${r.checks.length} epochs and the final weights match the card bit for bit`;
}

function report(io: Io, o: VerifyOptions, r: Outcome): void {
  if (o.json) {
    io.out(
      `${JSON.stringify({ command: 'verify', card: r.path, verified: r.verified, firstMismatch: r.firstMismatch?.epoch ?? r.missing ?? null, epochs: r.checks, weights: { card: r.card.weights, replay: r.weights, matches: r.weightsMatch }, differences: r.differences, stopReason: r.aborted ? 'aborted' : null })}\n`,
    );
    return;
  }
  io.out(`\n${verdict(r)}\n`);
  const leads = r.differences;
  if (r.verified) {
    if (leads.length) io.out(`(despite: ${leads.map((d) => d.message).join('; ')})\n`);
    return;
  }
  if (leads.length)
    io.out(
      `${leads.length === 1 ? 'why' : 'why (known differences)'}:\n${leads.map((d) => `  - ${d.message}\n`).join('')}`,
    );
  else if (!r.aborted)
    io.out(
      'why: no known difference (same settings, data, kernel, engine and version); training should be deterministic here, so please report this with the card\n',
    );
}
