import { describe, expect, test } from 'vitest';

import { CONSOLE_BODY_TOO_LARGE, describeActionFailure, readLimitedBody, readLimitedForm } from './body';

const TOO_LARGE = 'Too large.';

/**
 * A long body without a length (as a client may send it, chunked) that counts how much of it was read. 4 MB, so
 * that reading it all ends (and a missing cap shows as a test failure, not a hang).
 */
function longBody(chunkSize: number, total = 4 * 1024 * 1024) {
  const counter = { pulled: 0 };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (counter.pulled >= total) return controller.close();
      counter.pulled += chunkSize;
      controller.enqueue(new Uint8Array(chunkSize).fill(97));
    },
  });
  return { stream, counter };
}

const post = (body: BodyInit | null, headers: Record<string, string> = {}) =>
  new Request('http://localhost:3000/x', { method: 'POST', body, headers, duplex: 'half' } as RequestInit);

describe('reading a body with a byte limit', () => {
  test('returns a body up to the limit', async () => {
    expect(new TextDecoder().decode(await readLimitedBody(post('a'.repeat(100)), 100, TOO_LARGE))).toBe('a'.repeat(100));
    expect(await readLimitedBody(new Request('http://localhost:3000/x'), 100, TOO_LARGE)).toHaveLength(0);
  });

  test('refuses a declared Content-Length over the limit before reading anything', async () => {
    const { stream, counter } = longBody(10);
    await expect(readLimitedBody(post(stream, { 'content-length': '101' }), 100, TOO_LARGE)).rejects.toThrow(TOO_LARGE);
    expect(counter.pulled).toBeLessThanOrEqual(10); // a stream pulls one chunk ahead on its own; we read none
  });

  test('stops reading a body without a length as soon as it passes the limit', async () => {
    const { stream, counter } = longBody(1024);
    await expect(readLimitedBody(post(stream), 16 * 1024, TOO_LARGE)).rejects.toMatchObject({ message: TOO_LARGE, status: 413 });
    expect(counter.pulled).toBeLessThanOrEqual(18 * 1024);
  });

  test('holds a body the server read already (lib/sso/direct.ts) to the same limit', async () => {
    const read = (size: number, headers: Record<string, string> = {}) => ({
      headers: new Headers(headers),
      bodyRead: new Uint8Array(size).fill(97),
    });
    expect(await readLimitedBody(read(100), 100, TOO_LARGE)).toHaveLength(100);
    await expect(readLimitedBody(read(101), 100, TOO_LARGE)).rejects.toMatchObject({ message: TOO_LARGE, status: 413 });
    await expect(readLimitedBody(read(10, { 'content-length': '101' }), 100, TOO_LARGE)).rejects.toThrow(TOO_LARGE);
    const form = await readLimitedForm(
      {
        headers: new Headers({ 'content-type': 'application/x-www-form-urlencoded' }),
        bodyRead: new TextEncoder().encode('username=jane'),
      },
      100,
      TOO_LARGE,
    );
    expect(form.get('username')).toBe('jane');
  });

  test('refuses a body longer than its declared length once it passes the limit', async () => {
    await expect(readLimitedBody(post('a'.repeat(101), { 'content-length': '10' }), 100, TOO_LARGE)).rejects.toThrow(TOO_LARGE);
  });
});

describe('reading a form with a byte limit', () => {
  test('parses an urlencoded and a multipart form', async () => {
    const urlencoded = await readLimitedForm(post(new URLSearchParams({ username: 'jane', password: 'p&=ss' })), 1000, TOO_LARGE);
    expect([urlencoded.get('username'), urlencoded.get('password')]).toEqual(['jane', 'p&=ss']);
    const multipart = new FormData();
    multipart.set('username', 'jane');
    const parsed = await readLimitedForm(post(multipart), 1000, TOO_LARGE);
    expect(parsed.get('username')).toBe('jane');
  });

  test('reads a body that is not a form as an empty form', async () => {
    expect([
      ...(await readLimitedForm(post('{"username":"jane"}', { 'content-type': 'application/json' }), 1000, TOO_LARGE)).keys(),
    ]).toEqual([]);
    expect([
      ...(await readLimitedForm(post('--x\r\nbroken', { 'content-type': 'multipart/form-data; boundary=x' }), 1000, TOO_LARGE)).keys(),
    ]).toEqual([]);
  });

  test('refuses a form over the limit', async () => {
    await expect(readLimitedForm(post(new URLSearchParams({ password: 'a'.repeat(2000) })), 1000, TOO_LARGE)).rejects.toThrow(TOO_LARGE);
  });
});

describe("what a console form says when its action's request failed", () => {
  test('explains a form the server refused as too large, as Next hands it over (the 413 text)', () => {
    expect(describeActionFailure(new Error(`${CONSOLE_BODY_TOO_LARGE}\n`), 'unreachable')).toBe(CONSOLE_BODY_TOO_LARGE);
  });

  test.each([new TypeError('Failed to fetch'), new Error('An unexpected response was received from the server.'), 'odd'])(
    'says the server could not be reached for %s',
    (error) => {
      expect(describeActionFailure(error, 'unreachable')).toBe('unreachable');
    },
  );
});
