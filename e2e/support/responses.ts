import type { Page } from '@playwright/test';

/** Our AES-GCM ciphertext format (lib/crypto/secrets.ts): v1.<12-byte IV>.<16-byte tag>.<data>, base64url. */
export const CIPHERTEXT = /v1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{22}\./;

/**
 * Keeps the text of every response the page receives (documents, scripts, server-action and RSC payloads),
 * so a test can prove a secret never reached the browser in any form.
 */
export function recordResponseBodies(page: Page): () => Promise<string[]> {
  const pending: Promise<string>[] = [];
  page.on('response', (response) => {
    pending.push(response.text().catch(() => '')); // redirects and aborted requests have no body
  });
  return () => Promise.all(pending);
}
