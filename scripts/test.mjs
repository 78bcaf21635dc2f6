#!/usr/bin/env node
// `npm test`: every test. Type check, unit and integration tests (vitest, throwaway SQLite files), then the
// browser tests (Playwright in Debian's Chromium against `next build` + `next start` on a throwaway database).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import net from 'node:net';

import { bin, ensurePrismaClient, run } from './lib.mjs';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const e2eOnly = process.argv.includes('--e2e-only');

/** Debian's chromium, installed with apt when we are root; otherwise a clear message. */
function ensureChromium() {
  if (existsSync(CHROMIUM)) return;
  if (process.getuid?.() === 0 && existsSync('/usr/bin/apt-get')) {
    console.log('Installing Debian package "chromium" for the browser tests…');
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    run('apt-get', ['update', '-qq'], { env });
    run('apt-get', ['install', '-y', '-qq', 'chromium'], { env });
    return;
  }
  console.error(`The browser tests need Chromium at ${CHROMIUM}. Install the Debian package "chromium" (apt-get install chromium) or set CHROMIUM_PATH.`);
  process.exit(1);
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(String(port)));
    });
  });
}

ensurePrismaClient(process.env);
if (!e2eOnly) {
  run(bin('tsc'), ['--noEmit', '-p', '.']);
  run(bin('vitest'), ['run']);
}
ensureChromium();
const port = await freePort();
const result = spawnSync(bin('playwright'), ['test', ...process.argv.slice(2).filter((arg) => arg !== '--e2e-only')], {
  stdio: 'inherit',
  env: { ...process.env, REALMGATE_E2E_PORT: port },
});
process.exit(result.status ?? 1);
