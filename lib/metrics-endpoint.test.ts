import { afterEach, describe, expect, test, vi } from 'vitest';

import { ensureDefaultCertificate } from '@/lib/certificates/store';
import { signInAsTestAdmin, signOutTestRequest } from '@/test/admin-session';

import { countSignIn } from './metrics';
import { handleMetricsRequest, isMetricsToken } from './metrics-endpoint';

const TOKEN = 'prometheus-scrape-token-0123456789';
const ENV = { REALMGATE_METRICS_TOKEN: TOKEN };
const request = (authorization?: string) =>
  new Request('http://10.0.0.5:3000/metrics', { headers: authorization ? { Authorization: authorization } : {} });

afterEach(() => vi.restoreAllMocks());

describe('GET /metrics', () => {
  test('answers Prometheus with the right token: counters and days to certificate expiry', async () => {
    signOutTestRequest();
    await ensureDefaultCertificate();
    countSignIn('portal', 'success');
    const response = await handleMetricsRequest(request(`Bearer ${TOKEN}`), new Date(), ENV);
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    expect(text).toContain('realmgate_sign_ins_total{realm="portal",outcome="success"}');
    expect(text).toMatch(/realmgate_certificate_expiry_days\{serial="[0-9a-f]+",common_name="Realmgate Signing",default="true"\} 18\d\d/);
  });

  test.each([
    ['a wrong token', `Bearer not-${TOKEN}`, ENV],
    ['another scheme', `Basic ${Buffer.from(`x:${TOKEN}`).toString('base64')}`, ENV],
    ['any token when none is configured', `Bearer ${TOKEN}`, {}],
  ])('refuses %s with 401, even with an admin session', async (_case, authorization, env) => {
    await signInAsTestAdmin();
    const response = await handleMetricsRequest(request(authorization), new Date(), env);
    expect(response.status).toBe(401);
    expect(response.headers.get('WWW-Authenticate')).toMatch(/^Bearer/);
    expect(await response.text()).not.toContain('realmgate_');
  });

  test('without a token: an admin session of either role reads it, no session goes to /login', async () => {
    await signInAsTestAdmin('auditor');
    expect((await handleMetricsRequest(request(), new Date(), ENV)).status).toBe(200);
    signOutTestRequest();
    await expect(handleMetricsRequest(request(), new Date(), ENV)).rejects.toMatchObject({
      digest: expect.stringMatching(/NEXT_REDIRECT.*\/login/),
    });
  });
});

test.each([
  [`Bearer ${TOKEN}`, TOKEN, true],
  [`bearer   ${TOKEN}  `, TOKEN, true],
  [`Bearer ${TOKEN}x`, TOKEN, false],
  ['Bearer ', TOKEN, false],
  [`Bearer ${TOKEN}`, undefined, false],
  [`Bearer ${TOKEN}`, '  ', false],
])('isMetricsToken(%j, %j) is %s', (authorization, configured, expected) => {
  expect(isMetricsToken(authorization, configured)).toBe(expected);
});
