import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { PdfResult } from './pdf-worker.js';
import { UPLOAD_BOUNDS } from './upload-bounds.js';

const ENTRY = fileURLToPath(new URL('./pdf-worker.ts', import.meta.url));

let running = 0;
const waiting: (() => void)[] = [];

async function slot(work: () => Promise<PdfResult>): Promise<PdfResult> {
  if (running >= UPLOAD_BOUNDS.workers) {
    if (waiting.length >= UPLOAD_BOUNDS.queue) return { ok: false, problem: 'busy' };
    await new Promise<void>((resolve) => waiting.push(resolve));
  }
  running++;
  try {
    return await work();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

function runOnce(input: Uint8Array): Promise<PdfResult> {
  return new Promise((resolve) => {
    // execArgv: [] keeps the parent's loader (tsx, vitest) out; Node strips the types itself.
    const child = fork(ENTRY, [], {
      execArgv: [],
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
    });
    let done = false;
    const finish = (result: PdfResult) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      child.kill('SIGKILL');
      resolve(result);
    };
    const timer = setTimeout(
      () => finish({ ok: false, problem: 'limits' }),
      UPLOAD_BOUNDS.seconds * 1000,
    );
    child.once('message', (result: PdfResult) => finish(result));
    child.once('error', () => finish({ ok: false, problem: 'malformed' }));
    child.once('exit', () => finish({ ok: false, problem: 'malformed' }));
    child.send({ input, bounds: UPLOAD_BOUNDS });
  });
}

/**
 * Cleans a PDF off the main thread (issue 15, item 6) in a worker process of its own: at most
 * UPLOAD_BOUNDS.workers at once, killed when it runs over UPLOAD_BOUNDS.seconds; at most
 * UPLOAD_BOUNDS.queue wait, the next is refused as busy (memory stays bounded under a flood). A process,
 * not a worker thread: terminating a worker_thread inside MuPDF's WebAssembly aborted the
 * whole server (V8 "Check failed: (location_) != nullptr", Node 24.22) — see decision 021.
 */
export function cleanPdfInWorker(input: Buffer): Promise<PdfResult> {
  return slot(() => runOnce(new Uint8Array(input)));
}
