import { setThreads } from '@backprop/linalg';
import { type Callback, progress } from '@backprop/model';
import {
  type Chart,
  confusionChart,
  misclassifiedChart,
  mnistAccuracyChart,
  mnistLossChart,
  xorLossChart,
  xorSurfaceChart,
} from './charts';
import { type MnistResult, runMnist } from './mnist-demo';
import { type ReportFiles, writeReport } from './report';
import { runXor, type XorResult } from './xor-demo';

export interface DemoOptions {
  only?: 'xor' | 'mnist';
  /** MNIST epochs (default 20). */
  epochs: number;
  seed: number;
  out: string;
  /** Use only the first n MNIST training images (for quick runs and tests). */
  samples?: number;
  xorEpochs?: number;
  /** Where to print (default: nowhere). */
  print?: (line: string) => void;
  signal?: { readonly aborted: boolean };
}

export interface DemoResult {
  xor: XorResult | null;
  mnist: MnistResult | null;
  report: ReportFiles;
  seconds: number;
}

function printXor(x: XorResult, print: (line: string) => void): void {
  print(
    `XOR — the 2-5-1 sigmoid network, learning rate 1, ${x.epochs} epochs, the same initial weights:`,
  );
  print('  input    target  gradient descent  SGD (batch 1)');
  ['(0, 0)', '(0, 1)', '(1, 0)', '(1, 1)'].forEach((input, i) => {
    print(
      `  ${input}   ${[0, 1, 1, 0][i]}       ${x.gd.predictions[i]!.toFixed(3)}             ${x.sgd.predictions[i]!.toFixed(3)}`,
    );
  });
  print(
    `  final loss: gradient descent ${x.gd.curve.at(-1)!.loss.toFixed(4)}, SGD ${x.sgd.curve.at(-1)!.loss.toFixed(4)} (last update)`,
  );
}

/** Prints an epoch line (and every ~10 s a progress line within long epochs). */
function epochPrinter(print: (line: string) => void): Callback {
  let lastLine = 0;
  return progress(
    (e) => {
      if (e.phase === 'epoch') {
        const l = e.logs!;
        print(
          `  epoch ${String(l.epoch).padStart(2)}/${e.epochs}  loss ${l.loss.toFixed(4)}  accuracy ${(100 * l.accuracy!).toFixed(2)}%  val_loss ${l.valLoss!.toFixed(4)}  val_accuracy ${(100 * l.valAccuracy!).toFixed(2)}%  ${l.seconds.toFixed(1)} s  (ETA ${Math.round(e.eta)} s)`,
        );
      } else if (e.elapsed - lastLine >= 10) {
        lastLine = e.elapsed;
        print(
          `  epoch ${e.epoch}/${e.epochs}: batch ${e.batch}/${e.batches}, loss ${e.loss.toFixed(4)}`,
        );
      }
    },
    { intervalMs: 1000 },
  );
}

/** Runs the demos and writes the report; every number it prints comes from this run. */
export async function runDemo(o: DemoOptions): Promise<DemoResult> {
  const print = o.print ?? (() => undefined);
  const started = performance.now();
  const timings: Record<string, number> = {};
  const charts: Chart[] = [];
  let xor: XorResult | null = null;
  let mnist: MnistResult | null = null;
  if (o.only !== 'mnist') {
    const t = performance.now();
    xor = runXor({ epochs: o.xorEpochs ?? 2000, seed: o.seed });
    timings['XOR (both trainings)'] = (performance.now() - t) / 1000;
    printXor(xor, print);
    charts.push(xorLossChart(xor), xorSurfaceChart(xor));
  }
  if (o.only !== 'xor') {
    // Every core by default (BACKPROP_THREADS to choose); the results do not depend on the count.
    const threadCount = await setThreads('auto');
    print(
      `\nMNIST — 784-64(ReLU)-32(ReLU)-10(softmax), Adam lr 1e-3, batch 128, ${o.epochs} epochs, ${threadCount} matrix thread${threadCount === 1 ? '' : 's'}:`,
    );
    mnist = await runMnist({
      epochs: o.epochs,
      seed: o.seed,
      ...(o.samples ? { samples: o.samples } : {}),
      callbacks: [epochPrinter(print)],
      ...(o.signal ? { signal: o.signal } : {}),
    });
    timings['MNIST load'] = mnist.seconds.load;
    timings['MNIST training'] = mnist.seconds.train;
    timings['MNIST test'] = mnist.seconds.evaluate;
    const h = mnist.history;
    if (h.stopReason === 'earlyStopping') {
      print(
        `  early stopping: validation loss last improved at epoch ${h.restoredEpoch ?? h.epochs.length}; using that epoch's weights`,
      );
    }
    print(
      `  test accuracy: ${(100 * mnist.testAccuracy).toFixed(2)}% on ${mnist.testSize} test images`,
    );
    charts.push(
      mnistLossChart(mnist.history.epochs),
      mnistAccuracyChart(mnist.history.epochs),
      confusionChart(mnist.confusion),
      misclassifiedChart(mnist.misclassified),
    );
  }
  const config = {
    seed: o.seed,
    'XOR epochs': xor ? xor.epochs : 'not run',
    'MNIST epochs': mnist ? mnist.history.epochs.length : 'not run',
    'MNIST images (train / validation / test)': mnist
      ? `${mnist.trainSize} / ${mnist.validationSize} / ${mnist.testSize}`
      : 'not run',
    'MNIST network': '784-64-32-10, ReLU, ReLU, softmax',
    'MNIST optimizer': 'Adam, learning rate 0.001, batch 128',
    Node: process.version,
  };
  timings['total before the report'] = (performance.now() - started) / 1000;
  const report = await writeReport(o.out, { xor, mnist, charts, config, timings });
  return { xor, mnist, report, seconds: (performance.now() - started) / 1000 };
}
