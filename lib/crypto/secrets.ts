import 'server-only';

import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { databaseEngine } from '@/lib/database-url';

/**
 * Secrets at rest (SMTP and LDAP passwords, private keys, TOTP seeds): AES-256-GCM under the master key
 * from REALMGATE_SECRET_KEY (32 bytes, base64 or hex), or from a key file created with mode 0600 on first
 * use (REALMGATE_KEY_FILE, default data/secret.key). DESIGN "Data".
 *
 * Each ciphertext is bound to a context (e.g. `realm:<id>:smtpPassword`) as additional authenticated data,
 * so a ciphertext copied into another row or column fails to decrypt instead of leaking there.
 */

const VERSION = 'v1';
// The full 128-bit GCM tag, and nothing shorter: Node accepts tags cut to 4 bytes unless told the length, and
// a 4-byte tag is forged in about 2^32 tries (NIST SP 800-38D §5.2.1.2, appendix C).
const TAG_BYTES = 16;
const DEFAULT_KEY_FILE = path.join('data', 'secret.key');

let cachedKey: Buffer | undefined;

function decodeKey(text: string, source: string): Buffer {
  const trimmed = text.trim();
  const hex = /^([0-9a-f]{2})+$/i.test(trimmed);
  const key = hex ? Buffer.from(trimmed, 'hex') : Buffer.from(trimmed, 'base64');
  if (key.length !== 32) {
    throw new Error(`${source} must hold 32 bytes as 64 hex characters or base64 (found ${key.length} bytes as ${hex ? 'hex' : 'base64'})`);
  }
  return key;
}

function loadMasterKey(env: NodeJS.ProcessEnv = process.env): Buffer {
  if (env.REALMGATE_SECRET_KEY) return decodeKey(env.REALMGATE_SECRET_KEY, 'REALMGATE_SECRET_KEY');
  // Instances sharing a PostgreSQL database must share the key too: a key file is made per host, and an instance
  // could not read what another encrypted (stored passwords, SSO cookies). scripts/start.mjs says so before starting.
  if (databaseEngine(env) === 'postgresql') {
    throw new Error(
      'REALMGATE_SECRET_KEY is required with PostgreSQL: every instance needs the same master key, and a key file is per host',
    );
  }
  const file = env.REALMGATE_KEY_FILE || DEFAULT_KEY_FILE;
  if (!existsSync(/*turbopackIgnore: true*/ file)) {
    mkdirSync(/*turbopackIgnore: true*/ path.dirname(file), { recursive: true });
    // 'wx': never overwrite a key another process has just written; losing the key loses every secret.
    try {
      writeFileSync(/*turbopackIgnore: true*/ file, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  chmodSync(/*turbopackIgnore: true*/ file, 0o600);
  return decodeKey(readFileSync(/*turbopackIgnore: true*/ file, 'utf8'), file);
}

function masterKey(): Buffer {
  cachedKey ??= loadMasterKey();
  return cachedKey;
}

/** For tests that switch keys: forget the cached key. */
export function resetMasterKeyCache(): void {
  cachedKey = undefined;
}

export function encryptSecret(plaintext: string, context: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', masterKey(), iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [VERSION, iv, cipher.getAuthTag(), ciphertext]
    .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
    .join('.');
}

export function decryptSecret(stored: string, context: string): string {
  const [version, iv, tag, ciphertext] = stored.split('.');
  if (version !== VERSION || !iv || !tag || ciphertext === undefined) throw new Error('Unknown secret format');
  const decipher = createDecipheriv('aes-256-gcm', masterKey(), Buffer.from(iv, 'base64url'), { authTagLength: TAG_BYTES });
  decipher.setAAD(Buffer.from(context, 'utf8'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
}

/**
 * HMAC-SHA256 of `data` under a key for one purpose (e.g. 'sign-in-csrf'), derived from the master key with
 * HKDF (RFC 5869, the purpose as info). The master key itself only ever encrypts: one key, one use.
 */
export function macOf(purpose: string, data: Buffer): Buffer {
  const master = masterKey();
  // Derived once per master key and purpose: HKDF on every sign-in page cost more than the page itself.
  if (derivedFrom !== master) [derivedFrom, derivedKeys] = [master, new Map()];
  let key = derivedKeys.get(purpose);
  if (!key) {
    key = Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), `realmgate:${purpose}`, 32));
    derivedKeys.set(purpose, key);
  }
  return createHmac('sha256', key).update(data).digest();
}

let derivedFrom: Buffer | undefined;
let derivedKeys = new Map<string, Buffer>();
