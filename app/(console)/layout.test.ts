import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, expect, test, vi } from 'vitest';

import { saveCertificate } from '@/lib/certificates/store';
import { generateCertificate } from '@/lib/crypto/certificates';
import { createRealm } from '@/lib/realm/realm-list-repository';
import { TEST_ADMIN } from '@/test/admin';
import { signInAsTestAdmin } from '@/test/admin-session';

import ConsoleLayout from './layout';

// Outside Next's request scope: the layout's "render per request" marker has nothing to mark.
vi.mock('next/server', () => ({ connection: async () => undefined }));

/** The console header warns of a certificate in use that expires within 30 days: checked with a fixed clock. */

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

async function renderAt(at: string): Promise<string> {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date(at));
  try {
    await signInAsTestAdmin(); // a session of that moment

    return renderToStaticMarkup(await ConsoleLayout({ children: createElement('p', null, 'page') }));
  } finally {
    vi.useRealTimers();
  }
}

test('the header shows the expiry banner from 30 days before the default certificate that realms follow expires', async () => {
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  const made = generateCertificate({ commonName: 'Banner default', bits: 2048, years: 1, now: new Date('2027-01-01T00:00:00Z') });
  await saveCertificate(TEST_ADMIN, made, 'generate');
  await createRealm(TEST_ADMIN, 'Follows the banner default');

  expect(await renderAt('2027-12-01T00:00:00Z')).not.toContain('Certificate expiry');
  const html = await renderAt('2027-12-02T00:00:00Z');
  expect(html).toContain('aria-label="Certificate expiry"');
  expect(html).toContain(`Signing certificate Banner default (${made.info.serialHex}) expires on 2028-01-01 (in 30 days).`);
  expect(await renderAt('2028-01-02T00:00:00Z')).toContain('expired on 2028-01-01');
});
