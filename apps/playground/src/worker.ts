/// <reference lib="webworker" />
import { type CsvPoints, csvPoints } from './csv-points';
import type { FromWorker, ToWorker } from './protocol';
import { type EpochRow, Session } from './session';

/*
 * The training runs here, off the page's thread: the page never freezes. While playing, the
 * worker trains for up to FRAME_MS at a time, then yields (a macrotask, so a pause or any
 * message is handled within a frame). It sends a snapshot — the latest figures, the surface and
 * every epoch's figures since the last one — while fewer than IN_FLIGHT are on their way to the
 * page (the page draws the newest once per animation frame and says how many it took): one is
 * ready for the next frame while the page draws, and a fast model (XOR runs thousands of epochs
 * a second) never floods it.
 */

const FRAME_MS = 6;
const IN_FLIGHT = 2;
let session: Session | null = null;
let csv: CsvPoints | null = null;
let playing = false;
let scheduled = false;
/** Snapshots sent that the page has not taken yet. */
let inFlight = 0;
/** The page's number for the current run. */
let run = 0;
let pending: EpochRow[] = [];

function post(message: FromWorker): void {
  (self as unknown as DedicatedWorkerGlobalScope).postMessage(message);
}

function send(): void {
  const s = session!;
  const { points } = s;
  inFlight += 1;
  const rows = pending;
  pending = [];
  post({
    type: 'snapshot',
    run,
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
  try {
    do pending.push(session.step());
    while (performance.now() < until);
  } catch (error) {
    // Training stopped itself (e.g. diverged): stop playing, show what was reached and why.
    playing = false;
    if (pending.length) send();
    fail(error);
    return;
  }
  if (inFlight < IN_FLIGHT) send();
  scheduled = true;
  setTimeout(loop, 0);
}

/** Stops playing and tells the page why (the message of @backprop's typed errors says what to do). */
function fail(error: unknown): void {
  playing = false;
  post({ type: 'error', message: (error as Error)?.message ?? String(error) });
}

function handle(message: ToWorker): void {
  switch (message.type) {
    case 'reset':
      session = null;
      session = new Session(message.config, csv);
      run = message.run;
      playing = false;
      pending = [];
      inFlight = 0;
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
      inFlight = Math.max(0, inFlight - message.count);
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
    fail(error);
  }
};
