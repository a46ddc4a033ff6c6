import { InvalidArgumentError, unknownNameMessage } from '@backprop/linalg';

/**
 * Rejects an options object that is not a plain object or holds a key `owner` does not take,
 * with a did-you-mean: `fit: unknown option 'epoch' (did you mean 'epochs'?); valid names: …`.
 * A misspelt option is otherwise silently ignored and its default used.
 */
export function checkKeys(owner: string, options: unknown, valid: readonly string[]): void {
  if (options === undefined) return;
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new InvalidArgumentError('options', `${owner}: options must be an object`);
  }
  for (const key of Object.keys(options)) {
    if (!valid.includes(key))
      throw new InvalidArgumentError(key, `${owner}: ${unknownNameMessage('option', key, valid)}`);
  }
}
