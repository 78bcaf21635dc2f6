import { beforeEach, expect, test } from 'vitest';

import { countLockout, countSignIn, recordAssertion, recordLdapCall, renderMetrics, resetMetrics, timed } from './metrics';

beforeEach(() => resetMetrics());

test('counts sign-ins by realm and outcome in Prometheus text format', () => {
  countSignIn('portal', 'success');
  countSignIn('portal', 'success');
  countSignIn('portal', 'invalid');
  countLockout('realm-1');
  const text = renderMetrics();
  expect(text).toContain('# TYPE realmgate_sign_ins_total counter');
  expect(text).toContain('realmgate_sign_ins_total{realm="portal",outcome="success"} 2');
  expect(text).toContain('realmgate_sign_ins_total{realm="portal",outcome="invalid"} 1');
  expect(text).toContain('realmgate_lockouts_total{realm_id="realm-1"} 1');
});

test('assertion latency is a cumulative histogram with sum and count', () => {
  recordAssertion('portal', 0.0004);
  recordAssertion('portal', 0.003);
  const text = renderMetrics();
  expect(text).toContain('realmgate_assertions_issued_total{realm="portal"} 2');
  expect(text).toContain('realmgate_assertion_seconds_bucket{realm="portal",le="0.0005"} 1');
  expect(text).toContain('realmgate_assertion_seconds_bucket{realm="portal",le="0.005"} 2');
  expect(text).toContain('realmgate_assertion_seconds_bucket{realm="portal",le="+Inf"} 2');
  expect(text).toContain('realmgate_assertion_seconds_count{realm="portal"} 2');
  expect(text).toMatch(/realmgate_assertion_seconds_sum\{realm="portal"\} 0\.0034/);
});

test('LDAP calls: latency by outcome, and errors counted', async () => {
  await timed(
    async () => 'found',
    (seconds, failed) => recordLdapCall('search', seconds, failed),
  );
  await expect(
    timed(
      async () => {
        throw new Error('down');
      },
      (seconds, failed) => recordLdapCall('bind', seconds, failed),
    ),
  ).rejects.toThrow('down');
  const text = renderMetrics();
  expect(text).toContain('realmgate_ldap_seconds_count{operation="search",outcome="success"} 1');
  expect(text).toContain('realmgate_ldap_errors_total{operation="bind"} 1');
});

test('label values are escaped, and gauges measured at scrape time are added', () => {
  countSignIn('a"b\\c\nd', 'error');
  const text = renderMetrics([
    { name: 'realmgate_certificate_expiry_days', help: 'Days.', samples: [{ labels: { serial: '01' }, value: 30 }] },
  ]);
  expect(text).toContain('realmgate_sign_ins_total{realm="a\\"b\\\\c\\nd",outcome="error"} 1');
  expect(text).toContain('# TYPE realmgate_certificate_expiry_days gauge\nrealmgate_certificate_expiry_days{serial="01"} 30');
});
