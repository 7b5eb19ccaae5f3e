// Parse pool: files are parsed in worker threads, which send back plain documents (never yaml
// Documents). lint() stays synchronous: the main thread blocks on a shared counter
// (Atomics.wait) and drains the ports with receiveMessageOnPort. Results are delivered in file
// order, so the output never depends on which worker finished first.
//
// The main thread does not parse: its heap then holds only what is kept (plain documents), not
// the parser's garbage, so its GC stays cheap. The pool stays up for the whole run: once the
// rules have reported, the same (JIT-warm) workers re-parse the documents with findings to
// locate them, which the main thread, whose `yaml` code has never run hot, does slower.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import type { SourceFile } from '../input/sources.js';
import type { DocumentSpan, OffsetRange, Path } from '../model/types.js';
import { parseFile, type FileResult, type FileTask } from './file.js';
import { locateInDocument, type LocateRequest } from './locate-task.js';
import type { ParseLimits } from './parse.js';

/** Below this much input, starting a worker (~50 ms, cold JIT) costs more than it saves. */
export const POOL_MIN_BYTES = 1024 * 1024;
/** Each worker warms up its own JIT (~0.3 s of CPU): one more only per this much input. */
const BYTES_PER_WORKER = 2 * 1024 * 1024;
const MAX_WORKERS = 8;
const BATCH_BYTES = 192 * 1024;
const BATCH_FILES = 256;
/** Documents per locate batch: enough to amortize a message, small enough to share out. */
const LOCATE_BATCH_DOCS = 32;
/** No result at all for this long while batches are out: a worker died (out of memory); stop. */
const STALL_MS = 10 * 60 * 1000;
/**
 * A worker's young generation (V8's default is larger): parse garbage dies young, and the
 * workers stay up through the rules, so their heaps count in the run's peak memory. 10k
 * corpus: peak RSS 520 -> 476 MiB; 1k: ~1-2% slower (8 MB: 446 MiB but ~5% slower).
 */
const WORKER_YOUNG_GENERATION_MB = 16;
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

function fileTask(f: SourceFile): FileTask {
  return { id: f.id, displayPath: f.displayPath, ...(f.absPath !== undefined ? { absPath: f.absPath } : {}), ...(f.text !== undefined ? { text: f.text } : {}) };
}

function parseBatches(files: readonly SourceFile[]): FileTask[][] {
  const out: FileTask[][] = [];
  let cur: FileTask[] = [];
  let bytes = 0;
  for (const f of files) {
    cur.push(fileTask(f));
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

/** Messages to a worker. */
export type WorkerRequest = { batch: number; files: FileTask[] } | { batch: number; locate: LocateRequest[] };
/** Messages from a worker: parse results (as objects or one JSON string), ranges, or an error. */
export interface WorkerReply {
  batch: number;
  results?: FileResult[];
  json?: string;
  ranges?: Array<OffsetRange[] | undefined>;
  error?: string;
}

interface PoolWorker {
  worker: Worker;
  port: MessagePort;
  inFlight: number;
}

/** A document whose findings need positions, and the paths inside it. */
export interface LocateJob {
  file: SourceFile;
  span: DocumentSpan;
  targets: Array<{ path: Path; at?: 'key' | 'value' }>;
}

export class ParsePool {
  private readonly workers: PoolWorker[] = [];
  private readonly counter: Int32Array;
  private readonly signal = new SharedArrayBuffer(4);

  /** A pool of `size` workers, or undefined when size is 0 or the compiled worker is absent. */
  static open(size: number, limits: ParseLimits): ParsePool | undefined {
    const script = size > 0 ? workerScript() : undefined;
    return script ? new ParsePool(script, size, limits) : undefined;
  }

  private constructor(script: string, size: number, private readonly limits: ParseLimits) {
    this.counter = new Int32Array(this.signal);
    for (let i = 0; i < size; i++) {
      const { port1, port2 } = new MessageChannel();
      const worker = new Worker(script, { workerData: { port: port2, signal: this.signal, limits }, transferList: [port2], resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB } });
      worker.unref();
      // A worker's own failure surfaces as a missing result (see STALL_MS); an 'error' event
      // emitted later, once the main thread is free again, must not crash the finished run.
      worker.on('error', () => undefined);
      this.workers.push({ worker, port: port1, inFlight: 0 });
    }
  }

  /** Parses every file, calling `onResult` once per file in the order of `files`. */
  parse(files: readonly SourceFile[], onResult: (r: FileResult) => void): void {
    const todo = parseBatches(files);
    this.run(
      todo.map((files, batch) => ({ batch, files })),
      (reply) => (reply.json !== undefined ? (JSON.parse(reply.json) as FileResult[]) : reply.results),
      // A batch the worker could not send back is parsed here instead.
      (batch) => todo[batch].map((f) => parseFile(f, this.limits)),
      (results) => results.forEach(onResult),
    );
  }

  /** Ranges of every target of every job, in order; undefined for a job that failed. */
  locate(jobs: readonly LocateJob[]): Array<OffsetRange[] | undefined> {
    const requests = jobs.map((j) => toLocateRequest(j));
    const chunks: LocateRequest[][] = [];
    for (let i = 0; i < requests.length; i += LOCATE_BATCH_DOCS) chunks.push(requests.slice(i, i + LOCATE_BATCH_DOCS));
    const out: Array<OffsetRange[] | undefined> = [];
    this.run(
      chunks.map((locate, batch) => ({ batch, locate })),
      (reply) => reply.ranges,
      (batch) => chunks[batch].map(locateInDocument),
      (ranges) => out.push(...ranges),
    );
    return out;
  }

  close(): void {
    for (const w of this.workers) {
      w.port.close();
      void w.worker.terminate();
    }
    this.workers.length = 0;
  }

  /**
   * Sends the batches out (at most IN_FLIGHT per worker) and hands the results on strictly in
   * batch order. `fallback` computes a batch in-process when a worker could not.
   */
  private run<T>(todo: WorkerRequest[], unpack: (r: WorkerReply) => T | undefined, fallback: (batch: number) => T, emitResult: (r: T) => void): void {
    const ready = new Map<number, T>();
    let next = 0; // next batch to send
    let emit = 0; // next batch to hand on
    const send = (w: PoolWorker) => {
      while (w.inFlight < IN_FLIGHT && next < todo.length) {
        w.port.postMessage(todo[next]);
        next++;
        w.inFlight++;
      }
    };
    for (const w of this.workers) send(w);
    let lastHeard = Date.now();
    while (emit < todo.length) {
      const seen = Atomics.load(this.counter, 0);
      let got = false;
      for (const w of this.workers) {
        for (let m = receiveMessageOnPort(w.port); m; m = receiveMessageOnPort(w.port)) {
          got = true;
          w.inFlight--;
          const reply = m.message as WorkerReply;
          ready.set(reply.batch, (reply.error === undefined ? unpack(reply) : undefined) ?? fallback(reply.batch));
          send(w);
        }
      }
      while (ready.has(emit)) {
        emitResult(ready.get(emit)!);
        ready.delete(emit);
        emit++;
      }
      if (got) lastHeard = Date.now();
      else if (emit < todo.length) {
        Atomics.wait(this.counter, 0, seen, 1000);
        if (Date.now() - lastHeard > STALL_MS) throw new Error(`a parse worker stopped responding for ${STALL_MS / 60000} minutes (out of memory?); rerun with --jobs 0`);
      }
    }
  }
}

function toLocateRequest(job: LocateJob): LocateRequest {
  return { file: fileTask(job.file), span: job.span, targets: job.targets };
}
