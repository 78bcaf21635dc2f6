import 'server-only';

import { Worker } from 'node:worker_threads';

import { ValidationError } from '@/lib/errors';
import { logError } from '@/lib/log';

/**
 * Decoding PKCS#12 (PFX) files off the request thread. node-forge is pure JavaScript, and a PFX names its own
 * key-derivation iteration counts: one asking for 2,000,000 held the whole server, end-user sign-in included,
 * for 24 s. So a worker thread (pfx-worker.mjs) first reads every iteration count it can without decrypting
 * and refuses more than MAX_PFX_ITERATIONS, then decrypts; and it is stopped after a time limit.
 */

/** OpenSSL 3 and Windows export with about 2,000; 100,000 takes forge about 4 s on one idle core. */
export const MAX_PFX_ITERATIONS = 100_000;
/** Room for the slowest file MAX_PFX_ITERATIONS allows on a busy machine; bags hidden in encrypted parts stop here. */
export const PFX_TIME_LIMIT_MS = 10_000;

/** The file's first RSA private key and the certificate of that key (or its first certificate), as PEM. */
export type DecodedPfx = { key: string | null; certificate: string | null };

type WorkerAnswer =
  | ({ outcome: 'decoded' } & DecodedPfx)
  | { outcome: 'too-many-iterations'; iterations: number }
  | { outcome: 'wrong-password' }
  | { outcome: 'unreadable' };

const UNREADABLE = { pfx: 'This file could not be read as a PKCS#12 (.pfx / .p12) file' };
const EXPORT_AGAIN = `Export it again with at most ${MAX_PFX_ITERATIONS.toLocaleString('en-US')} iterations (e.g. openssl pkcs12 -export, whose default is 2,048)`;

function toResult(answer: WorkerAnswer): DecodedPfx {
  switch (answer.outcome) {
    case 'decoded':
      return { key: answer.key, certificate: answer.certificate };
    case 'too-many-iterations':
      throw new ValidationError({
        pfx: `This file asks for ${answer.iterations.toLocaleString('en-US')} key-derivation iterations. ${EXPORT_AGAIN}.`,
      });
    case 'wrong-password':
      throw new ValidationError({ password: 'The PFX password is wrong' });
    case 'unreadable':
      throw new ValidationError(UNREADABLE);
  }
}

// One file at a time per server process: each decoding may keep a core busy for the whole time limit, and
// the cores are what end-user sign-in needs. This guards this process's CPU, not a rule instances share.
let decoding = false;

/** The key and certificate in a PFX file; refusals are ValidationErrors with a message for the form. */
export async function decodePfx(der: Uint8Array, password: string): Promise<DecodedPfx> {
  if (decoding) throw new ValidationError({ pfx: 'Another PFX file is being read right now: try again in a few seconds' });
  decoding = true;
  try {
    return toResult(await runWorker({ der, password, maxIterations: MAX_PFX_ITERATIONS }));
  } finally {
    decoding = false;
  }
}

const TOO_SLOW = {
  pfx: `Reading this file took longer than ${PFX_TIME_LIMIT_MS / 1000} seconds and was stopped. ${EXPORT_AGAIN}.`,
};

function runWorker(workerData: { der: Uint8Array; password: string; maxIterations: number }): Promise<WorkerAnswer> {
  return new Promise((resolve, reject) => {
    // `new URL(…, import.meta.url)`: Next bundles the worker as an entry of its own; vitest finds the file beside this one.
    const worker = new Worker(new URL('./pfx-worker.mjs', import.meta.url), {
      workerData,
      resourceLimits: { maxOldGenerationSizeMb: 256 },
    });
    let settled = false;
    const finish = (settle: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      settle();
    };
    const timer = setTimeout(() => finish(() => reject(new ValidationError(TOO_SLOW))), PFX_TIME_LIMIT_MS);
    worker.on('message', (answer: WorkerAnswer) => finish(() => resolve(answer)));
    worker.on('error', (error) => {
      logError('PFX worker', error);
      finish(() => resolve({ outcome: 'unreadable' }));
    });
    worker.on('exit', () => finish(() => resolve({ outcome: 'unreadable' })));
  });
}
