// A parse worker: receives batches of files, returns plain documents and problems per file,
// then bumps the shared counter the main thread waits on (see pool.ts).
import { workerData, type MessagePort } from 'node:worker_threads';
import { parseFile, type FileTask } from './file.js';
import type { ParseLimits } from './parse.js';

const { port, signal, limits } = workerData as { port: MessagePort; signal: SharedArrayBuffer; limits: ParseLimits };
const counter = new Int32Array(signal);

port.on('message', (msg: { batch: number; files: FileTask[] }) => {
  let reply: unknown;
  try {
    const results = msg.files.map((f) => parseFile(f, limits));
    // JSON is about twice as cheap to copy as a structured clone, where it is exact.
    reply = results.every((r) => r.jsonSafe || r.documents.length === 0) ? { batch: msg.batch, json: JSON.stringify(results) } : { batch: msg.batch, results };
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
