// Parse pool: files are parsed in worker threads, which send back plain documents (never yaml
// Documents). lint() stays synchronous: the main thread blocks on a shared counter
// (Atomics.wait) and drains the ports with receiveMessageOnPort. Results are delivered in file
// order, so the output never depends on which worker finished first.
//
// The main thread does not parse: its heap then holds only what is kept (plain documents), not
// the parser's garbage, so its GC stays cheap; on a loaded machine even one worker costs less
// CPU than parsing in-process.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import type { SourceFile } from '../input/sources.js';
import { parseFile, type FileResult, type FileTask } from './file.js';
import type { ParseLimits } from './parse.js';

/** Below this much input, starting a worker (~50 ms, cold JIT) costs more than it saves. */
export const POOL_MIN_BYTES = 1024 * 1024;
/** Each worker warms up its own JIT (~0.3 s of CPU): one more only per this much input. */
const BYTES_PER_WORKER = 2 * 1024 * 1024;
const MAX_WORKERS = 8;
const BATCH_BYTES = 192 * 1024;
const BATCH_FILES = 256;
/** No result at all for this long while batches are out: a worker died (out of memory); stop. */
const STALL_MS = 10 * 60 * 1000;
/** Batches kept queued per worker so that none idles while the main thread drains results. */
const IN_FLIGHT = 2;

/** How many workers to use for this input: 0 = parse in-process. `requested` undefined = automatic. */
export function poolSize(files: readonly SourceFile[], requested?: number): number {
  if (requested !== undefined) return Math.max(0, Math.min(Math.floor(requested), MAX_WORKERS, files.length));
  let bytes = 0;
  for (const f of files) bytes += f.size ?? 0;
  if (bytes < POOL_MIN_BYTES) return 0;
  return Math.max(1, Math.min(availableParallelism(), MAX_WORKERS, Math.ceil(bytes / BYTES_PER_WORKER)));
}

function workerScript(): string | undefined {
  const path = fileURLToPath(new URL('./worker.js', import.meta.url));
  return existsSync(path) ? path : undefined; // absent when running from TypeScript sources
}

function batches(files: readonly SourceFile[]): FileTask[][] {
  const out: FileTask[][] = [];
  let cur: FileTask[] = [];
  let bytes = 0;
  for (const f of files) {
    cur.push({ id: f.id, displayPath: f.displayPath, ...(f.absPath !== undefined ? { absPath: f.absPath } : {}), ...(f.text !== undefined ? { text: f.text } : {}) });
    bytes += f.size ?? 0;
    if (bytes >= BATCH_BYTES || cur.length >= BATCH_FILES) {
      out.push(cur);
      cur = [];
      bytes = 0;
    }
  }
  if (cur.length) out.push(cur);
  return out;
}

/**
 * Parses every file and calls `onResult` once per file, in the order of `files`. Uses `workers`
 * threads when > 0 and the compiled worker is available; otherwise parses in-process.
 */
export function parseFiles(files: readonly SourceFile[], limits: ParseLimits, workers: number, onResult: (r: FileResult) => void): void {
  const script = workers > 0 ? workerScript() : undefined;
  if (!script) {
    for (const f of files) onResult(parseFile(f, limits));
    return;
  }
  const todo = batches(files);
  const signal = new SharedArrayBuffer(4);
  const counter = new Int32Array(signal);
  const pool: Array<{ worker: Worker; port: MessagePort; inFlight: number }> = [];
  const n = Math.min(workers, todo.length);
  for (let i = 0; i < n; i++) {
    const { port1, port2 } = new MessageChannel();
    const worker = new Worker(script, { workerData: { port: port2, signal, limits }, transferList: [port2] });
    worker.unref();
    // A worker's own failure surfaces as a missing result (see STALL_MS); an 'error' event
    // emitted later, once the main thread is free again, must not crash the finished run.
    worker.on('error', () => undefined);
    pool.push({ worker, port: port1, inFlight: 0 });
  }
  // Results arrive per batch in any order; they are handed on strictly in batch order.
  const ready = new Map<number, FileResult[]>();
  let next = 0; // next batch to send
  let emit = 0; // next batch to hand on
  const send = (w: (typeof pool)[number]) => {
    while (w.inFlight < IN_FLIGHT && next < todo.length) {
      w.port.postMessage({ batch: next, files: todo[next] });
      next++;
      w.inFlight++;
    }
  };
  try {
    for (const w of pool) send(w);
    let lastHeard = Date.now();
    while (emit < todo.length) {
      const seen = Atomics.load(counter, 0);
      let got = false;
      for (const w of pool) {
        for (let m = receiveMessageOnPort(w.port); m; m = receiveMessageOnPort(w.port)) {
          got = true;
          w.inFlight--;
          const reply = m.message as { batch: number; results?: FileResult[]; json?: string; error?: string };
          // A batch the worker could not send back is parsed here instead.
          const results = reply.json !== undefined ? (JSON.parse(reply.json) as FileResult[]) : reply.results;
          ready.set(reply.batch, results ?? todo[reply.batch].map((f) => parseFile(f, limits)));
          send(w);
        }
      }
      while (ready.has(emit)) {
        for (const r of ready.get(emit)!) onResult(r);
        ready.delete(emit);
        emit++;
      }
      if (got) lastHeard = Date.now();
      else if (emit < todo.length) {
        Atomics.wait(counter, 0, seen, 1000);
        if (Date.now() - lastHeard > STALL_MS) throw new Error(`a parse worker stopped responding for ${STALL_MS / 60000} minutes (out of memory?); rerun with --jobs 0`);
      }
    }
  } finally {
    for (const w of pool) {
      w.port.close();
      void w.worker.terminate();
    }
  }
}
