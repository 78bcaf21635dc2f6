import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * A throwaway OpenLDAP for the tests (DESIGN "Stack recipe"): a generated slapd.conf, the seed tree of
 * seed.ldif with the AD-like schema of ad.schema, a test CA and server certificate made with openssl for
 * ldaps://, on free loopback ports. slapd runs in the foreground (-d 0) as our child, so stopping it is
 * killing that child; no system slapd, systemd or init script is involved.
 */

export const LDAP_BASE_DN = 'dc=realmgate,dc=test';
export const LDAP_SERVICE = Object.freeze({ dn: `cn=service,ou=system,${LDAP_BASE_DN}`, password: 'service secret' });

/** What tests need to reach the directory (plain data: vitest hands it to test files with provide/inject). */
export type LdapTestServer = {
  /** ldap://127.0.0.1:<port> (Standard and StartTLS). */
  url: string;
  /** ldaps://127.0.0.1:<port> (SSL). */
  ldapsUrl: string;
  /** A loopback port nothing listens on. */
  closedPort: number;
  /** The CA that signed the server's certificate, and another CA that did not. */
  caPem: string;
  otherCaPem: string;
};

// Relative to the project root, where vitest and Playwright both run (no import.meta: Playwright loads CommonJS).
const HERE = path.resolve(process.cwd(), 'test', 'ldap');
const SCHEMAS = ['core', 'cosine', 'inetorgperson', 'nis'].map((name) => `/etc/ldap/schema/${name}.schema`);

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function openssl(dir: string, args: string[]) {
  execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
}

/** A CA and a server certificate for 127.0.0.1 signed by it (EC keys: quick to make), plus an unrelated CA. */
function makeCertificates(dir: string) {
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  openssl(dir, ['req', '-x509', ...ec, '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2', '-subj', '/CN=Realmgate Test CA']);
  openssl(dir, ['req', '-x509', ...ec, '-keyout', 'other-ca.key', '-out', 'other-ca.pem', '-days', '2', '-subj', '/CN=Other CA']);
  openssl(dir, ['req', ...ec, '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=127.0.0.1']);
  writeFileSync(path.join(dir, 'san.ext'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\n');
  openssl(dir, [
    'x509',
    '-req',
    '-in',
    'server.csr',
    '-CA',
    'ca.pem',
    '-CAkey',
    'ca.key',
    '-CAcreateserial',
    '-out',
    'server.pem',
    '-days',
    '2',
    '-extfile',
    'san.ext',
  ]);
}

function slapdConf(dir: string): string {
  return `${[...SCHEMAS, path.join(HERE, 'ad.schema')].map((file) => `include ${file}`).join('\n')}
pidfile ${dir}/slapd.pid
argsfile ${dir}/slapd.args
modulepath /usr/lib/ldap
# As Active Directory does: a DN with an empty password binds anonymously (RFC 4513 §5.1.2), and "succeeds".
allow bind_anon_dn
moduleload back_mdb
TLSCACertificateFile ${dir}/ca.pem
TLSCertificateFile ${dir}/server.pem
TLSCertificateKeyFile ${dir}/server.key
database mdb
maxsize 10485760
suffix "${LDAP_BASE_DN}"
rootdn "cn=admin,${LDAP_BASE_DN}"
rootpw "admin secret"
directory ${dir}/db
# Passwords: users bind with theirs; the service account may compare them (Validate User Type: Search).
access to attrs=userPassword
  by dn.exact="${LDAP_SERVICE.dn}" compare
  by anonymous auth
  by * none
access to *
  by * read
`;
}

async function waitForPort(port: number, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`slapd exited with ${child.exitCode}:\n${log()}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => {
        socket.destroy();
        resolve(true);
      });
      socket.on('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`slapd did not listen on ${port} within 10 s:\n${log()}`);
}

const SLAPD = '/usr/sbin/slapd';
const SLAPADD = '/usr/sbin/slapadd';

/** Starts slapd; `stop` kills it and removes its folder. */
export async function startSlapd(): Promise<LdapTestServer & { stop: () => Promise<void> }> {
  if (!existsSync(SLAPD) || !existsSync(SLAPADD)) {
    throw new Error("The LDAP tests need Debian's slapd: apt-get install slapd ldap-utils (npm test installs them when run as root)");
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'realmgate-slapd-'));
  mkdirSync(path.join(dir, 'db'));
  makeCertificates(dir);
  writeFileSync(path.join(dir, 'slapd.conf'), slapdConf(dir));
  execFileSync(SLAPADD, ['-q', '-f', path.join(dir, 'slapd.conf'), '-l', path.join(HERE, 'seed.ldif')], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const [port, securePort, closedPort] = [await freePort(), await freePort(), await freePort()];
  const urls = `ldap://127.0.0.1:${port}/ ldaps://127.0.0.1:${securePort}/`;
  const child = spawn(SLAPD, ['-d', '0', '-f', path.join(dir, 'slapd.conf'), '-h', urls], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  await waitForPort(port, child, () => stderr);
  await waitForPort(securePort, child, () => stderr);
  return {
    url: `ldap://127.0.0.1:${port}`,
    ldapsUrl: `ldaps://127.0.0.1:${securePort}`,
    closedPort,
    caPem: readFileSync(path.join(dir, 'ca.pem'), 'utf8'),
    otherCaPem: readFileSync(path.join(dir, 'other-ca.pem'), 'utf8'),
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
