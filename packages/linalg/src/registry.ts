import { InvalidArgumentError } from './errors';

/** The serialised form of any swappable part: `{ name: 'leakyRelu', config: { alpha: 0.1 } }`. */
export interface PartConfig<N extends string = string> {
  name: N;
  config?: Record<string, unknown>;
}

/** What every swappable part (activation, loss, initializer, optimizer, penalty) has. */
export interface Part {
  readonly name: string;
  toConfig(): PartConfig;
}

/**
 * The property by which a built-in output activation declares which loss it fuses with: sigmoid
 * carries `'logistic'`, softmax `'softmax'`. A loss fuses with the output only when the activation
 * declares the loss's `fusesWith` — never because its name string matches, so a user's own object
 * named 'softmax' gets its own (correct) backward pass. `Symbol.for`, so it works across copies.
 */
export const FUSION: unique symbol = Symbol.for('@backprop/fusion') as never;

/** The fused output/loss pairs: sigmoid with binary cross-entropy, softmax with categorical. */
export type Fusion = 'logistic' | 'softmax';

/** Builds a part from its (optional) config. */
export type PartFactory<P> = (config?: Record<string, unknown>) => P;

/**
 * What users may pass wherever a part is expected: a name N (a literal union, so a typo such as
 * 'rleu' fails to compile), `{ name: N, config }`, the part itself, or a factory.
 */
export type PartSpec<P, N extends string> = N | PartConfig<N> | P | PartFactory<P>;

/** A string-keyed set of factories for one kind of part, with one resolver. */
export interface Registry<P extends Part, N extends string> {
  /** 'activation', 'loss', ... — used in error messages. */
  readonly kind: string;
  /** Every valid name, in registration order: the built-ins, then the ones registered since. */
  readonly names: readonly N[];
  /** The built-in names only. */
  readonly builtIn: readonly N[];
  /**
   * Adds a part of your own under `name`, so that it resolves by name and saved models naming it
   * load (like Keras's register_keras_serializable). A built-in name cannot be taken — a user's
   * 'softmax' must never stand in for the real one — and a name can be registered only once,
   * unless with the same factory.
   */
  register(name: string, factory: PartFactory<P>): void;
  /** True when `name` (or a documented alias) is registered. */
  has(name: string): name is N;
  /**
   * A part from a name (`'relu'`), a config (`{ name, config }`), the part itself, or a factory
   * (`leakyRelu`, called with its defaults). Unknown names throw an error listing the valid ones;
   * any string is accepted so names read from a file or a command line need no cast.
   */
  resolve(spec: PartSpec<P, N> | string | PartConfig): P;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length]!;
}

/** `unknown activation 'rleu' (did you mean 'relu'?); valid names: ...` */
export function unknownNameMessage(kind: string, name: string, valid: readonly string[]): string {
  const close = valid.filter((v) => editDistance(v.toLowerCase(), name.toLowerCase()) <= 2);
  const hint = close.length > 0 ? ` (did you mean '${close[0]}'?)` : '';
  return `unknown ${kind} '${name}'${hint}; valid names: ${valid.join(', ')}`;
}

/**
 * A registry over `factories`, keyed by each part's own name (a test in every package checks
 * `factories[name]().name === name`). `aliases` maps other names from the literature to a
 * registered one (e.g. glorotUniform → xavierUniform); parts always report their registered name.
 */
export function createRegistry<P extends Part, N extends string>(
  kind: string,
  factories: Record<N, PartFactory<P>>,
  isPart: (value: unknown) => value is P,
  aliases: Record<string, NoInfer<N>> = {},
): Registry<P, N> {
  const builtIn = Object.keys(factories) as N[];
  const table = new Map<string, PartFactory<P>>(Object.entries(factories) as [N, PartFactory<P>][]);
  const names: N[] = [...builtIn];
  const canonical = (name: string): string | undefined =>
    table.has(name) ? name : Object.hasOwn(aliases, name) ? aliases[name] : undefined;
  const byName = (name: string, config?: Record<string, unknown>): P => {
    const found = canonical(name);
    if (found === undefined)
      throw new InvalidArgumentError(kind, unknownNameMessage(kind, name, names));
    return table.get(found)!(config);
  };
  return {
    kind,
    names,
    builtIn,
    register(name, factory) {
      if (typeof name !== 'string' || !/^[A-Za-z_][\w.-]*$/.test(name))
        throw new InvalidArgumentError(
          kind,
          `register: a ${kind} name must be a word, got ${JSON.stringify(name)}`,
        );
      if (typeof factory !== 'function')
        throw new InvalidArgumentError(
          kind,
          `register: '${name}' needs a factory (config) => ${kind}`,
        );
      if ((builtIn as string[]).includes(name) || Object.hasOwn(aliases, name))
        throw new InvalidArgumentError(
          kind,
          `register: '${name}' is a built-in ${kind}; choose another name`,
        );
      const existing = table.get(name);
      if (existing === factory) return;
      if (existing)
        throw new InvalidArgumentError(kind, `register: a ${kind} '${name}' is already registered`);
      table.set(name, factory);
      names.push(name as N);
    },
    has: (name: string): name is N => canonical(name) !== undefined,
    resolve(spec) {
      if (typeof spec === 'string') return byName(spec);
      if (isPart(spec)) return spec;
      if (typeof spec === 'function') {
        const made = (spec as PartFactory<P>)();
        if (!isPart(made))
          throw new InvalidArgumentError(
            kind,
            `a ${kind} factory returned something that is not a ${kind}`,
          );
        return made;
      }
      if (
        spec !== null &&
        typeof spec === 'object' &&
        typeof (spec as PartConfig).name === 'string'
      ) {
        const { name, config } = spec as PartConfig;
        if (
          config !== undefined &&
          (config === null || typeof config !== 'object' || Array.isArray(config))
        ) {
          throw new InvalidArgumentError(kind, `${kind} '${name}': config must be an object`);
        }
        return byName(name, config);
      }
      throw new InvalidArgumentError(
        kind,
        `expected a ${kind} name, a { name, config } object or a ${kind} object; got ${describe(spec)}`,
      );
    },
  };
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object'
    ? 'an object without the right methods'
    : `${typeof value} ${String(value)}`;
}
