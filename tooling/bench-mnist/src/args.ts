/**
 * `--name <n>` from the command line, a whole number ≥ 1 (or `fallback` when absent); anything
 * else prints "<command>: --name must be a whole number ≥ 1" and exits 2.
 */
export function wholeNumberOption(command: string, name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const value = i < 0 ? fallback : Number(process.argv[i + 1]);
  if (!Number.isInteger(value) || value < 1) {
    console.error(`${command}: --${name} must be a whole number ≥ 1`);
    process.exit(2);
  }
  return value;
}

/**
 * `--dtype float64|float32` from the command line (float64 when absent); anything else prints
 * "<command>: --dtype must be float64 or float32" and exits 2.
 */
export function dtypeOption(command: string): 'float64' | 'float32' {
  const i = process.argv.indexOf('--dtype');
  const value = i < 0 ? 'float64' : process.argv[i + 1];
  if (value !== 'float64' && value !== 'float32') {
    console.error(`${command}: --dtype must be float64 or float32, got ${value ?? 'nothing'}`);
    process.exit(2);
  }
  return value;
}
