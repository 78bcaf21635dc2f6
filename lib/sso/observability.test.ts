import { AsyncLocalStorage } from 'node:async_hooks';

import { beforeAll, beforeEach, expect, test, vi } from 'vitest';

import { renderMetrics, resetMetrics } from '@/lib/metrics';
import type { RequestContext } from '@/lib/request-context';

import { handleRealmGet } from './endpoint';
import { NOW, PASSWORD, setUpSsoRealm, signInForm, sso, url } from './test-realm';
import { requestQuery } from './request-read';

/** What /metrics and the /sso/* request log learn from a sign-in (the log line itself: scripts/server.mjs, e2e). */
beforeAll(setUpSsoRealm);
beforeEach(() => resetMetrics());

// The store scripts/server.mjs starts for each /sso/* request.
const requests = ((globalThis as Record<symbol, unknown>)[Symbol.for('realmgate.request-context')] ??=
  new AsyncLocalStorage<RequestContext>()) as AsyncLocalStorage<RequestContext>;

const line = (text: string, name: string) => text.split('\n').find((entry) => entry.startsWith(name)) ?? `${name} (none)`;

test('sign-ins are counted by realm and outcome; assertions with their build-and-sign time', async () => {
  await signInForm('jane', 'wrong password');
  await signInForm('jane', '');
  await signInForm('jane', PASSWORD);
  const text = renderMetrics();
  expect(line(text, `realmgate_sign_ins_total{realm="${sso.slug}",outcome="invalid"}`)).toMatch(/ 1$/);
  expect(line(text, `realmgate_sign_ins_total{realm="${sso.slug}",outcome="missing"}`)).toMatch(/ 1$/);
  expect(line(text, `realmgate_sign_ins_total{realm="${sso.slug}",outcome="success"}`)).toMatch(/ 1$/);
  expect(line(text, `realmgate_assertions_issued_total{realm="${sso.slug}"}`)).toMatch(/ 1$/);
  expect(line(text, `realmgate_assertion_seconds_count{realm="${sso.slug}"}`)).toMatch(/ 1$/);
});

test('a lockout is counted once, when it starts; attempts refused unchecked count as "locked"', async () => {
  // The test realm allows 3 invalid attempts: 3 passwords are checked, 2 attempts are refused without a check.
  for (let i = 0; i < 5; i += 1) await signInForm('locked-out-name', 'wrong password');
  const text = renderMetrics();
  expect(text).toMatch(/^realmgate_lockouts_total\{realm_id="[^"]+"\} 1$/m);
  expect(line(text, `realmgate_sign_ins_total{realm="${sso.slug}",outcome="invalid"}`)).toMatch(/ 3$/);
  expect(line(text, `realmgate_sign_ins_total{realm="${sso.slug}",outcome="locked"}`)).toMatch(/ 2$/);
});

test("a request's realm and outcome go to its log line; its error page shows the request id as the reference", async () => {
  const context: RequestContext = { requestId: 'ABCD1234' };
  await requests.run(context, () => signInForm('jane', 'wrong password'));
  expect(context).toEqual({ requestId: 'ABCD1234', realm: sso.slug, outcome: 'invalid' });

  vi.spyOn(console, 'error').mockImplementation(() => undefined);
  const failing: RequestContext = { requestId: 'FFEE0011' };
  const sessionCookie = (await signInForm('jane', PASSWORD)).headers
    .getSetCookie()
    .map((cookie) => cookie.split(';')[0])
    .join('; ');
  // A database that cannot be read: an unexpected error, logged with the request's id.
  vi.spyOn(requestQuery, 'run').mockRejectedValue(new Error('database gone'));
  const response = await requests.run(failing, () =>
    handleRealmGet(new Request(url(), { headers: { cookie: sessionCookie } }), sso.slug, NOW),
  );
  expect(response.status).toBe(500);
  expect(await response.text()).toContain('Reference: <span class="reference">FFEE0011</span>');
  expect(failing).toMatchObject({ outcome: 'error' });
  expect(String(vi.mocked(console.error).mock.calls[0]?.[0])).toContain('"reference":"FFEE0011"');
});
