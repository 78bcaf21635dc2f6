#!/usr/bin/env node
// `npm test`: every test. Type check, lint and format check, unit and integration tests (vitest, on throwaway SQLite
// files and on a throwaway PostgreSQL cluster), then the browser tests (Playwright in Debian's Chromium against
// `next build` + `next start` on a throwaway database, and two instances on a throwaway PostgreSQL).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import net from 'node:net';

import { bin, ensurePrismaClient, run } from './lib.mjs';
import { postgresBinDir } from './postgres.mjs';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const e2eOnly = process.argv.includes('--e2e-only');

/** The Debian packages the tests drive: the browser, the independent SAML checkers and SPs (pysaml2 among them), PostgreSQL's server and a throwaway OpenLDAP. */
const PACKAGES = [
  { name: 'chromium', present: () => existsSync(CHROMIUM) },
  { name: 'postgresql', present: () => postgresBinDir() !== null },
  { name: 'libxml2-utils', present: () => onPath('xmllint') },
  { name: 'xmlsec1', present: () => onPath('xmlsec1') },
  { name: 'slapd', present: () => existsSync('/usr/sbin/slapd') },
  { name: 'ldap-utils', present: () => onPath('ldapsearch') },
  { name: 'openssl', present: () => onPath('openssl') },
  // A second SP library for the SP-initiated tests (test/pysaml2/sp.py), beside node-saml.
  { name: 'python3-pysaml2', present: () => spawnSync('/usr/bin/python3', ['-c', 'import saml2'], { stdio: 'ignore' }).status === 0 },
];

function onPath(command) {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

/** Installs missing packages with apt when we are root; otherwise stops with a message naming them. */
function ensureDebianPackages() {
  const missing = PACKAGES.filter((pkg) => !pkg.present()).map((pkg) => pkg.name);
  if (missing.length === 0) return;
  if (process.getuid?.() === 0 && existsSync('/usr/bin/apt-get')) {
    console.log(`Installing Debian packages for the tests: ${missing.join(' ')}…`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    // slapd's package would otherwise set up (and start) a system directory; the tests run their own (test/ldap).
    run('sh', ['-c', 'echo "slapd slapd/no_configuration boolean true" | debconf-set-selections'], { env });
    run('apt-get', ['update', '-qq'], { env });
    run('apt-get', ['install', '-y', '-qq', ...missing], { env });
    return;
  }
  console.error(
    `The tests need the Debian packages: ${missing.join(' ')}. Install them (apt-get install ${missing.join(' ')}) or, for Chromium elsewhere, set CHROMIUM_PATH.`,
  );
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
ensureDebianPackages();
if (!e2eOnly) {
  run(bin('tsc'), ['--noEmit', '-p', '.']);
  run(bin('eslint'), ['--max-warnings', '0', '.']);
  run(bin('prettier'), ['--check', '.']);
  run(process.execPath, ['scripts/postgres-schema.mjs', '--check']);
  run(bin('vitest'), ['run']);
}
const port = await freePort();
const result = spawnSync(bin('playwright'), ['test', ...process.argv.slice(2).filter((arg) => arg !== '--e2e-only')], {
  stdio: 'inherit',
  env: { ...process.env, REALMGATE_E2E_PORT: port },
});
process.exit(result.status ?? 1);
