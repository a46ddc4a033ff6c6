import { describe, expect, it } from 'vitest';
import {
  createRegistry,
  InvalidArgumentError,
  opt,
  type Part,
  type PartConfig,
  readOptions,
} from '../src/index';
import { expectConfigRoundTrip } from '../src/testing/index';

interface Greeter extends Part {
  greet(): string;
}
const isGreeter = (x: unknown): x is Greeter => typeof (x as Greeter)?.greet === 'function';

function hello(config?: Record<string, unknown>): Greeter {
  const { times } = readOptions('hello', config, { times: opt.integer(1, 1) });
  return {
    name: 'hello',
    greet: () => 'hi'.repeat(times),
    toConfig: () => ({ name: 'hello', config: { times } }),
  };
}
const quiet: Greeter = { name: 'quiet', greet: () => '', toConfig: () => ({ name: 'quiet' }) };
const greeters = createRegistry('greeter', { hello, quiet: () => quiet }, isGreeter, {
  hi: 'hello',
});

describe('createRegistry', () => {
  it('resolves a name, an alias, a config, an object and a factory', () => {
    expect(greeters.resolve('hello').greet()).toBe('hi');
    expect(greeters.resolve('hi').name).toBe('hello');
    expect(greeters.resolve({ name: 'hello', config: { times: 3 } }).greet()).toBe('hihihi');
    expect(greeters.resolve(quiet)).toBe(quiet);
    expect(greeters.resolve(hello).greet()).toBe('hi');
    expect(greeters.names).toEqual(['hello', 'quiet']);
    expect(greeters.has('hi')).toBe(true);
    expect(greeters.has('toString')).toBe(false);
  });

  it('lists the valid names for an unknown one, with a suggestion when close', () => {
    expect(() => greeters.resolve('helo')).toThrow(
      /^unknown greeter 'helo' \(did you mean 'hello'\?\); valid names: hello, quiet$/,
    );
    expect(() => greeters.resolve('constructor')).toThrow(
      /^unknown greeter 'constructor'; valid names/,
    );
    expect(() => greeters.resolve(42 as never)).toThrow(InvalidArgumentError);
    expect(() => greeters.resolve({ name: 'hello', config: [] as never })).toThrow(
      /config must be an object/,
    );
  });

  it('round-trips configs through JSON', () => {
    const back = expectConfigRoundTrip(
      greeters.resolve({ name: 'hello', config: { times: 2 } }),
      (c: PartConfig) => greeters.resolve(c),
    );
    expect(back.greet()).toBe('hihi');
    const liar: Greeter = { ...quiet, toConfig: () => ({ name: 'hello', config: { times: 5 } }) };
    expect(() => expectConfigRoundTrip(liar, greeters.resolve)).toThrow(
      /toConfig\(\) of 'quiet' names 'hello'/,
    );
  });
});

describe('readOptions', () => {
  const spec = {
    rate: opt.positive(0.1),
    beta: opt.halfOpen(0.9, 0, 1),
    mode: opt.oneOf('a', ['a', 'b'] as const),
  };
  it('fills defaults and keeps given values, including edge values that are legitimate', () => {
    expect(readOptions('x', undefined, spec)).toEqual({ rate: 0.1, beta: 0.9, mode: 'a' });
    expect(readOptions('x', { beta: 0, mode: 'b' }, spec)).toEqual({
      rate: 0.1,
      beta: 0,
      mode: 'b',
    });
    expect(readOptions('x', { m: 0 }, { m: opt.nonNegative(0.9) })).toEqual({ m: 0 });
  });

  it('names the part, the option, the rule and the value', () => {
    expect(() => readOptions('adam', { beta: 1 }, spec)).toThrow(
      /^adam: option 'beta' must be in \[0, 1\), got 1$/,
    );
    expect(() => readOptions('adam', { rate: -1 }, spec)).toThrow(
      /^adam: option 'rate' must be a finite number > 0, got -1$/,
    );
    expect(() => readOptions('adam', { mode: 'c' }, spec)).toThrow(
      /must be one of 'a', 'b', got 'c'/,
    );
    expect(() => readOptions('adam', { rat: 1 }, spec)).toThrow(
      /^adam: unknown option 'rat' \(did you mean 'rate'\?\); valid names: rate, beta, mode$/,
    );
    try {
      readOptions('adam', { rate: Number.NaN }, spec);
    } catch (e) {
      expect((e as InvalidArgumentError).argument).toBe('rate');
    }
  });
});
