/// <reference lib="webworker" />
import { type CsvPoints, csvPoints } from './csv-points';
import type { FromWorker, ToWorker } from './protocol';
import { type EpochRow, Session } from './session';

/*
 * The training runs here, off the page's thread: the page never freezes. While playing, the
 * worker trains for up to one frame (~12 ms) at a time, then yields (a macrotask, so a pause or
 * any message is handled within a frame). It sends a snapshot — the latest figures, the surface
 * and every epoch's figures since the last one — only once the page has drawn the previous one,
 * so a fast model (XOR runs thousands of epochs a second) never floods the page.
 */

const FRAME_MS = 12;
let session: Session | null = null;
let csv: CsvPoints | null = null;
let playing = false;
let scheduled = false;
let drawn = true;
let pending: EpochRow[] = [];

function post(message: FromWorker): void {
  (self as unknown as DedicatedWorkerGlobalScope).postMessage(message);
}

function send(): void {
  const s = session!;
  const { points } = s;
  drawn = false;
  const rows = pending;
  pending = [];
  post({
    type: 'snapshot',
    snapshot: s.snapshot(rows.at(-1)),
    rows,
    playing,
    points: {
      train: Array.from(points.train.X.data),
      trainLabels: Array.from(points.train.y),
      test: points.test ? Array.from(points.test.X.data) : [],
      testLabels: points.test ? Array.from(points.test.y) : [],
      trainTargets: points.regression ? Array.from(points.train.Y.data) : [],
      testTargets: points.regression && points.test ? Array.from(points.test.Y.data) : [],
    },
    extent: points.extent,
    yExtent: points.yExtent,
    classes: points.classes,
    regression: points.regression,
  });
}

function loop(): void {
  scheduled = false;
  if (!playing || !session) return;
  const until = performance.now() + FRAME_MS;
  do pending.push(session.step());
  while (performance.now() < until);
  if (drawn) send();
  scheduled = true;
  setTimeout(loop, 0);
}

function handle(message: ToWorker): void {
  switch (message.type) {
    case 'reset':
      session = null;
      session = new Session(message.config, csv);
      playing = false;
      pending = [];
      send();
      return;
    case 'play':
      playing = true;
      if (!scheduled) loop();
      return;
    case 'pause':
      playing = false;
      if (session) send();
      return;
    case 'step':
      playing = false;
      if (session) {
        pending.push(session.step());
        send();
      }
      return;
    case 'batch':
      playing = false;
      if (session) {
        if (session.stepBatch()) pending.push(session.figures());
        send();
      }
      return;
    case 'drawn':
      drawn = true;
      return;
    case 'csv':
      csv = csvPoints(message.text, message.name);
      post({ type: 'csv', name: csv.name, rows: csv.X.rows, classes: csv.labels.length });
      return;
    case 'trace':
      if (session) post({ type: 'trace', view: session.traceSample(message.index) });
      return;
    case 'export':
      if (session) post({ type: 'model', json: session.modelJson() });
      return;
  }
}

self.onmessage = (event: MessageEvent<ToWorker>) => {
  try {
    handle(event.data);
  } catch (error) {
    playing = false;
    post({ type: 'error', message: (error as Error)?.message ?? String(error) });
  }
};
