/**
 * Prometheus metrics of this process (GET /metrics renders them in the text format 0.0.4). Counters and histograms
 * live in memory on purpose: each instance exports its own and Prometheus adds them up, so they are no state the
 * instances must share. Kept on globalThis: Next may load this module more than once in one process.
 */
type Labels = Record<string, string>;
type Histogram = { buckets: number[]; counts: number[]; sum: number; count: number };
type Family = {
  help: string;
  type: 'counter' | 'histogram';
  series: Map<string, { labels: Labels; value: number; histogram?: Histogram }>;
};

const LATENCY_BUCKETS = Object.freeze([0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5]);

const FAMILIES = Object.freeze({
  realmgate_sign_ins_total: { help: 'Sign-ins at /sso/<realm>, by realm and outcome.', type: 'counter' },
  realmgate_second_factors_total: { help: 'Second-factor checks, by realm, method and outcome.', type: 'counter' },
  realmgate_assertions_issued_total: { help: 'SAML assertions issued, by realm.', type: 'counter' },
  realmgate_assertion_seconds: { help: 'Time to build and sign a SAML Response, by realm.', type: 'histogram' },
  realmgate_ldap_seconds: { help: 'LDAP calls, by operation and outcome.', type: 'histogram' },
  realmgate_ldap_errors_total: { help: 'LDAP calls that failed, by operation.', type: 'counter' },
  realmgate_lockouts_total: { help: 'Usernames locked out by Account Lockout, by realm id.', type: 'counter' },
} as const satisfies Record<string, Omit<Family, 'series'>>);

type Name = keyof typeof FAMILIES;

const registry = ((globalThis as { realmgateMetrics?: Map<Name, Family> }).realmgateMetrics ??= new Map<Name, Family>());

function seriesOf(name: Name, labels: Labels) {
  let family = registry.get(name);
  if (!family) {
    family = { ...FAMILIES[name], series: new Map() };
    registry.set(name, family);
  }
  // The helpers below name each family's labels in one fixed order, so the labels as written identify a series.
  const key = JSON.stringify(labels);
  let series = family.series.get(key);
  if (!series) {
    series = { labels, value: 0 };
    family.series.set(key, series);
  }
  return series;
}

function increment(name: Name, labels: Labels): void {
  seriesOf(name, labels).value += 1;
}

function observe(name: Name, labels: Labels, seconds: number): void {
  const series = seriesOf(name, labels);
  series.histogram ??= { buckets: [...LATENCY_BUCKETS], counts: LATENCY_BUCKETS.map(() => 0), sum: 0, count: 0 };
  const { histogram } = series;
  histogram.buckets.forEach((bound, i) => {
    if (seconds <= bound) histogram.counts[i] = (histogram.counts[i] ?? 0) + 1;
  });
  histogram.sum += seconds;
  histogram.count += 1;
}

/** What the caller measures: how long `work` took, in seconds, also when it throws (with what it threw). */
export async function timed<T>(work: () => Promise<T>, record: (seconds: number, failed: boolean, error?: unknown) => void): Promise<T> {
  const start = process.hrtime.bigint();
  const seconds = () => Number(process.hrtime.bigint() - start) / 1e9;
  try {
    const result = await work();
    record(seconds(), false);
    return result;
  } catch (error) {
    record(seconds(), true, error);
    throw error;
  }
}

export type SignInOutcome = 'success' | 'invalid' | 'locked' | 'missing' | 'expired-form' | 'error';

export const countSignIn = (realm: string, outcome: SignInOutcome) => increment('realmgate_sign_ins_total', { realm, outcome });
export const countSecondFactor = (realm: string, method: string, outcome: 'success' | 'failure') =>
  increment('realmgate_second_factors_total', { realm, method, outcome });
export const countLockout = (realmId: string) => increment('realmgate_lockouts_total', { realm_id: realmId });

export function recordAssertion(realm: string, seconds: number): void {
  increment('realmgate_assertions_issued_total', { realm });
  observe('realmgate_assertion_seconds', { realm }, seconds);
}

export function recordLdapCall(operation: string, seconds: number, failed: boolean): void {
  observe('realmgate_ldap_seconds', { operation, outcome: failed ? 'error' : 'success' }, seconds);
  if (failed) increment('realmgate_ldap_errors_total', { operation });
}

// Prometheus text format: label values escape backslash, double quote and newline.
const escapeLabel = (value: string) => value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
const labelText = (labels: Labels) => {
  const entries = Object.entries(labels);
  return entries.length === 0 ? '' : `{${entries.map(([key, value]) => `${key}="${escapeLabel(value)}"`).join(',')}}`;
};

/** A gauge measured at scrape time (e.g. certificate days to expiry), rendered with the process's metrics. */
export type Gauge = { name: string; help: string; samples: { labels: Labels; value: number }[] };

/** Every metric of this process, and `gauges`, in Prometheus's text format. */
export function renderMetrics(gauges: Gauge[] = []): string {
  const lines: string[] = [];
  for (const name of Object.keys(FAMILIES) as Name[]) {
    const { help, type } = FAMILIES[name];
    lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
    for (const { labels, value, histogram } of registry.get(name)?.series.values() ?? []) {
      if (!histogram) {
        lines.push(`${name}${labelText(labels)} ${value}`);
        continue;
      }
      histogram.buckets.forEach((bound, i) =>
        lines.push(`${name}_bucket${labelText({ ...labels, le: String(bound) })} ${histogram.counts[i]}`),
      );
      lines.push(`${name}_bucket${labelText({ ...labels, le: '+Inf' })} ${histogram.count}`);
      lines.push(`${name}_sum${labelText(labels)} ${histogram.sum}`, `${name}_count${labelText(labels)} ${histogram.count}`);
    }
  }
  for (const gauge of gauges) {
    lines.push(`# HELP ${gauge.name} ${gauge.help}`, `# TYPE ${gauge.name} gauge`);
    for (const sample of gauge.samples) lines.push(`${gauge.name}${labelText(sample.labels)} ${sample.value}`);
  }
  return `${lines.join('\n')}\n`;
}

/** For tests: forget every count. */
export function resetMetrics(): void {
  registry.clear();
}
