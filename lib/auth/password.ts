import 'server-only';

import { type ScryptOptions, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/**
 * Password hashing with scrypt (DESIGN "Security baseline"). A stored hash names its own parameters,
 * `scrypt$<N>$<r>$<p>$<salt b64>$<hash b64>`, so the cost can be raised later without breaking old hashes.
 */

// N=2^15, r=8, p=1: about 100 ms and 32 MiB per hash on one core here (OWASP's scrypt minimum is N=2^17
// with r=8 at 64 MiB; 2^15 keeps sign-in fast on small servers while staying far from cheap).
const COST = Object.freeze({ N: 2 ** 15, r: 8, p: 1 });
const SALT_BYTES = 16;
const KEY_BYTES = 32;

// scrypt needs 128·N·r bytes; Node's default limit (32 MiB) is exactly that for N=2^15, r=8 and is refused.
const memoryFor = (N: number, r: number) => 128 * N * r;

// Bounds for parameters read back from the database: a tampered row must not make one sign-in take minutes
// or gigabytes.
const LIMITS = Object.freeze({ maxMemory: 256 * 1024 * 1024, maxP: 16, maxKeyBytes: 64 });

type Params = { N: number; r: number; p: number; salt: Buffer; hash: Buffer };

// At most two hashes at a time: a flood of sign-in attempts then waits its turn instead of taking every
// libuv thread (file and DNS work share them) and 32 MiB each. The rest queue in order.
const MAX_CONCURRENT = 2;
let running = 0;
const waiting: (() => void)[] = [];

async function withHashSlot<T>(work: () => Promise<T>): Promise<T> {
  if (running < MAX_CONCURRENT) running += 1;
  else await new Promise<void>((resolve) => waiting.push(resolve)); // the finishing hash hands its slot over
  try {
    return await work();
  } finally {
    const next = waiting.shift();
    if (next) next();
    else running -= 1;
  }
}

function derive(plain: string, salt: Buffer, keyBytes: number, { N, r, p }: { N: number; r: number; p: number }): Promise<Buffer> {
  const options: ScryptOptions = { N, r, p, maxmem: 2 * memoryFor(N, r) };
  // NIST SP 800-63B §5.1.1.2: normalise (NFKC) so the same password typed on another system still matches.
  const normalised = plain.normalize('NFKC');
  return withHashSlot(
    () =>
      new Promise((resolve, reject) => {
        scrypt(normalised, salt, keyBytes, options, (error, key) => (error ? reject(error) : resolve(key)));
      }),
  );
}

export async function hashPassword(plain: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const hash = await derive(plain, salt, KEY_BYTES, COST);
  return ['scrypt', COST.N, COST.r, COST.p, salt.toString('base64'), hash.toString('base64')].join('$');
}

const isPowerOfTwo = (n: number) => Number.isInteger(n) && n > 1 && (n & (n - 1)) === 0;

function parseStored(stored: string): Params | null {
  const [scheme, n, r, p, salt, hash, ...rest] = stored.split('$');
  if (scheme !== 'scrypt' || rest.length > 0 || salt === undefined || hash === undefined) return null;
  const params = { N: Number(n), r: Number(r), p: Number(p), salt: Buffer.from(salt, 'base64'), hash: Buffer.from(hash, 'base64') };
  const valid =
    isPowerOfTwo(params.N) &&
    Number.isInteger(params.r) &&
    params.r >= 1 &&
    memoryFor(params.N, params.r) <= LIMITS.maxMemory &&
    Number.isInteger(params.p) &&
    params.p >= 1 &&
    params.p <= LIMITS.maxP &&
    params.salt.length > 0 &&
    params.hash.length >= 16 &&
    params.hash.length <= LIMITS.maxKeyBytes;
  return valid ? params : null;
}

/** Whether `plain` matches a hash made by hashPassword; false for a malformed hash. */
export async function verifyPassword(plain: string, stored: string): Promise<boolean> {
  const params = parseStored(stored);
  if (!params) return false;
  const candidate = await derive(plain, params.salt, params.hash.length, params);
  return timingSafeEqual(candidate, params.hash);
}

/**
 * Spends the same time as verifyPassword against a current hash and answers false. Sign-in calls it for an
 * unknown username, so response times do not tell which usernames exist.
 */
export async function verifyDummyPassword(plain: string): Promise<false> {
  await derive(plain, randomBytes(SALT_BYTES), KEY_BYTES, COST);
  return false;
}
