// `npm run bench:http`'s sign-in scenarios: a browser's sign-in through the realm's pages (signIn), and how long a
// legitimate sign-in takes while another address floods the realm with wrong passwords (measureFlood). The server
// runs with REALMGATE_TRUST_PROXY=1, so each request's X-Forwarded-For is its client address.
import autocannon from 'autocannon';

import { median } from './bench-support.mjs';

const FLOOD_ADDRESS = '198.51.100.1';

/** A cookie jar: the name=value pairs of the Set-Cookie headers seen so far, cleared ones dropped. */
function keepCookies(jar, response) {
  for (const cookie of response.headers.getSetCookie()) {
    const [pair] = cookie.split(';');
    const name = pair.slice(0, pair.indexOf('='));
    if (/Max-Age=0(;|$)/.test(cookie)) jar.delete(name);
    else jar.set(name, pair);
  }
  return [...jar.values()].join('; ');
}

/** fetch, once more when the server closed a kept-alive connection just as it was reused (a reset, under load). */
async function fetchRetrying(url, init) {
  try {
    return await fetch(url, init);
  } catch (error) {
    if (error?.cause?.code !== 'ECONNRESET') throw error;
    return fetch(url, init);
  }
}

/**
 * Signs `user` in at the realm page by page, as a browser does (each page's form names its step); returns the
 * cookies, the SSO session's among them. `address`: the client address the server sees.
 */
export async function signIn(base, slug, user, address = '192.0.2.1') {
  const jar = new Map();
  const headers = () => ({ cookie: [...jar.values()].join('; '), 'x-forwarded-for': address });
  // A sign-in that takes a minute has failed: the bench goes on rather than waiting for ever.
  const signal = AbortSignal.timeout(60_000);
  let response = await fetchRetrying(`${base}/sso/${slug}`, { headers: headers(), signal });
  for (let page = 0; page < 4; page += 1) {
    keepCookies(jar, response);
    const html = await response.text();
    if (html.includes('name="SAMLResponse"')) return [...jar.values()].join('; ');
    const csrf = /name="csrf" value="([^"]+)"/.exec(html)?.[1];
    const step = /name="step" value="([^"]+)"/.exec(html)?.[1];
    if (!csrf || !step) throw new Error(`no sign-in form at the realm (${response.status})`);
    const body = new URLSearchParams({ csrf, step, username: user.username, password: user.password });
    response = await fetchRetrying(`${base}/sso/${slug}`, { method: 'POST', body, headers: headers(), signal });
  }
  throw new Error(`sign-in did not post an assertion (${response.status})`);
}

async function timeSignIns(base, slug, user, count) {
  const times = [];
  for (let i = 0; i < count; i += 1) {
    const start = performance.now();
    await signIn(base, slug, user, `192.0.2.${10 + (i % 200)}`);
    times.push(performance.now() - start);
  }
  return times;
}

/** The flood: one address posting wrong passwords at the password page of a sign-in of its own, `connections` at once. */
async function startFlood(base, slug, connections) {
  const jar = new Map();
  const headers = () => ({ cookie: [...jar.values()].join('; '), 'x-forwarded-for': FLOOD_ADDRESS });
  const page = await fetch(`${base}/sso/${slug}`, { headers: headers() });
  keepCookies(jar, page);
  const csrf = /name="csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? '';
  const started = await fetch(`${base}/sso/${slug}`, {
    method: 'POST',
    body: new URLSearchParams({ csrf, step: 'username', username: 'flood.guesser' }),
    headers: headers(),
  });
  keepCookies(jar, started);
  const statuses = new Map();
  const instance = autocannon({
    url: `${base}/sso/${slug}`,
    method: 'POST',
    connections,
    duration: 3600,
    headers: { ...headers(), 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ csrf, step: 'password', password: 'a wrong guess' }).toString(),
  });
  instance.on('response', (_client, status) => statuses.set(status, (statuses.get(status) ?? 0) + 1));
  return { stop: () => instance.stop(), statuses };
}

/** p50 of a legitimate sign-in (every page, password hashed) idle, and during a wrong-password flood from another address. */
export async function measureFlood(base, slug, user, { connections = 50, signIns = 10 } = {}) {
  const idle = await timeSignIns(base, slug, user, signIns);
  const flood = await startFlood(base, slug, connections);
  try {
    await new Promise((resolve) => setTimeout(resolve, 2_000)); // the flood is under way
    const during = await timeSignIns(base, slug, user, signIns);
    return { idle: median(idle), during: median(during), floodStatuses: Object.fromEntries(flood.statuses) };
  } finally {
    flood.stop();
  }
}
