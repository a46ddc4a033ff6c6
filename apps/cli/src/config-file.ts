import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { usage } from './errors';

/**
 * Options from `--config file.json` merged with the command line: a flag given on the command line
 * wins, then the file, then the flag's default. The file uses the options' camelCase names
 * (`{ "layers": "64:relu,10:softmax", "batchSize": 128 }`); unknown keys are usage errors.
 * Values from the file go through the same parsers as flags.
 */
export function withConfigFile<T extends { config?: string }>(command: Command, options: T): T {
  if (!options.config) return options;
  let file: Record<string, unknown>;
  try {
    file = JSON.parse(readFileSync(options.config, 'utf8'));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw usage(
      `--config: ${options.config}: ${code === 'ENOENT' ? 'no such file' : `not a valid JSON file (${(e as Error).message})`}`,
      e,
    );
  }
  return mergeOptions(command, options, file, `--config: ${options.config}`) as T;
}

/**
 * `options` with the values of `file` (an object of options by camelCase name, as a --config file
 * holds them) where the command line gave none; `source` starts every error message. Values go
 * through the flags' own parsers; unknown keys are usage errors listing the valid ones.
 */
export function mergeOptions(
  command: Command,
  options: Record<string, unknown>,
  file: unknown,
  source: string,
): Record<string, unknown> {
  if (typeof file !== 'object' || file === null || Array.isArray(file))
    throw usage(`${source} must hold a JSON object`);
  const byName = new Map(command.options.map((o) => [o.attributeName(), o]));
  const merged: Record<string, unknown> = { ...options };
  for (const [key, value] of Object.entries(file)) {
    const option = byName.get(key);
    if (!option || key === 'config') {
      const valid = [...byName.keys()].filter(
        (k) => k !== 'config' && k !== 'json' && k !== 'verbose',
      );
      throw usage(`${source}: unknown option '${key}'; valid keys: ${valid.join(', ')}`);
    }
    if (command.getOptionValueSource(key) === 'cli') continue;
    merged[key] = fileValue(source, key, value, option);
  }
  return merged;
}

/** The options' defaults, as commander would set them for an empty command line. */
export function defaultOptions(command: Command): Record<string, unknown> {
  return Object.fromEntries(
    command.options
      .filter((o) => o.defaultValue !== undefined || o.negate)
      .map((o) => [o.attributeName(), o.negate ? (o.defaultValue ?? true) : o.defaultValue]),
  );
}

function fileValue(
  source: string,
  key: string,
  value: unknown,
  option: Command['options'][number],
): unknown {
  try {
    if (option.isBoolean() || option.negate) {
      if (typeof value !== 'boolean') throw new Error('expected true or false');
      return value;
    }
    if (typeof value !== 'string' && typeof value !== 'number')
      throw new Error('expected a string or a number');
    return option.parseArg ? option.parseArg(String(value), undefined) : String(value);
  } catch (e) {
    throw usage(`${source}: ${key}: ${(e as Error).message}`, e);
  }
}
