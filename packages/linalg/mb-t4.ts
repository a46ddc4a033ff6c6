import { matmul, Rng, setThreads, random } from './src/index';
await setThreads(1);
const rng = new Rng(1);
const s = 500; const a = random(s, s, rng), b = random(s, s, rng);
matmul(a, b);
const t = performance.now();
for (let i = 0; i < 30; i++) matmul(a, b);
console.log(process.argv[2], (2 * s ** 3 / ((performance.now() - t) / 30000) / 1e9).toFixed(1));
