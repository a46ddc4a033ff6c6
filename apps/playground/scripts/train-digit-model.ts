/**
 * The playground's "draw a digit" model is the one `pnpm demo` trains: this runs the demo's MNIST
 * part (the course's network, 784 → 64 ReLU → 32 ReLU → 10 softmax, Adam 1e-3, batch 128, up to
 * 20 epochs with early stopping on 5000 held-out images, seed 0), copies the model it saves to
 * public/digit-model.json and prints the file's size and its accuracy on the 10 000 test images.
 * Re-run after a model-format change:
 *
 *   pnpm --filter @backprop/playground train:digits
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { oneHot } from '@backprop/data';
import { loadMnist } from '@backprop/data/node';
import { evaluate, load } from '@backprop/model';

const out = fileURLToPath(new URL('../public/digit-model.json', import.meta.url));
const root = fileURLToPath(new URL('../../..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'backprop-digit-model-'));
try {
  execFileSync('pnpm', ['demo', '--', '--only', 'mnist', '--seed', '0', '--out', dir], {
    cwd: root,
    stdio: 'inherit',
  });
  copyFileSync(join(dir, 'mnist-model.json'), out);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
const test = await loadMnist({ split: 'test' });
const model = load(readFileSync(out, 'utf8'));
const accuracy = evaluate(model, test.X, oneHot(test.y, 10)).accuracy!;
console.log(
  `wrote ${out}: ${model.summary().split('\n')[0]}; ${(statSync(out).size / 1024).toFixed(0)} KiB, test accuracy ${(100 * accuracy).toFixed(2)}%`,
);
