import { matmul, Rng, setThreads, random } from './src/index';
const rng = new Rng(1);
for (const s of [512, 520, 500]) {
  const a = random(s, s, rng), b = random(s, s, rng);
  const row: string[] = [];
  for (const th of [1, 2, 1, 2]) {
    await setThreads(th);
    matmul(a, b);
    const t = performance.now();
    for (let i = 0; i < 8; i++) matmul(a, b);
    row.push(`${th}t ${(2 * s ** 3 / ((performance.now() - t) / 8000) / 1e9).toFixed(1)}`);
  }
  console.log(s, row.join('  '));
}
