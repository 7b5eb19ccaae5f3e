// A parse worker: receives batches of files (returns plain documents and problems per file) or
// of documents to locate findings in (returns ranges), then bumps the shared counter the main
// thread waits on (see pool.ts).
import { workerData, type MessagePort } from 'node:worker_threads';
import { parseFile } from './file.js';
import { locateInDocument } from './locate-task.js';
import type { ParseLimits } from './parse.js';
import type { WorkerReply, WorkerRequest } from './pool.js';

const { port, signal, limits } = workerData as { port: MessagePort; signal: SharedArrayBuffer; limits: ParseLimits };
const counter = new Int32Array(signal);

function handle(msg: WorkerRequest): WorkerReply {
  if ('locate' in msg) return { batch: msg.batch, ranges: msg.locate.map(locateInDocument) };
  const results = msg.files.map((f) => parseFile(f, limits));
  // JSON is about twice as cheap to copy as a structured clone, where it is exact.
  return results.every((r) => r.jsonSafe || r.documents.length === 0) ? { batch: msg.batch, json: JSON.stringify(results) } : { batch: msg.batch, results };
}

port.on('message', (msg: WorkerRequest) => {
  let reply: WorkerReply;
  try {
    reply = handle(msg);
  } catch (e) {
    reply = { batch: msg.batch, error: (e as Error).message ?? String(e) };
  }
  try {
    port.postMessage(reply);
  } catch (e) {
    // A value structured clone cannot copy: say so instead of leaving the main thread waiting.
    port.postMessage({ batch: msg.batch, error: (e as Error).message ?? String(e) });
  }
  Atomics.add(counter, 0, 1);
  Atomics.notify(counter, 0);
});
