import { describe, expect, test } from 'vitest';

import { CLIENT_ADDRESS_HEADER, clientAddress } from './client-address';

const request = (headers: Record<string, string>) => new Headers(headers);

describe('the client address used for throttling', () => {
  test.each([
    ['the socket address', { [CLIENT_ADDRESS_HEADER]: '192.0.2.7' }, {}, '192.0.2.7'],
    [
      'not X-Forwarded-For without a trusted proxy',
      { [CLIENT_ADDRESS_HEADER]: '192.0.2.7', 'x-forwarded-for': '198.51.100.1' },
      {},
      '192.0.2.7',
    ],
    [
      "the trusted proxy's entry: the last one, not what the client put first",
      { [CLIENT_ADDRESS_HEADER]: '10.0.0.2', 'x-forwarded-for': '6.6.6.6, 198.51.100.9' },
      { REALMGATE_TRUST_PROXY: '1' },
      '198.51.100.9',
    ],
    [
      'the socket address behind a proxy that sent none',
      { [CLIENT_ADDRESS_HEADER]: '10.0.0.2' },
      { REALMGATE_TRUST_PROXY: '1' },
      '10.0.0.2',
    ],
    ['a stable key when nothing is known', {}, {}, 'unknown'],
  ])('is %s', (_case, headers, env, expected) => {
    expect(clientAddress(request(headers), env)).toBe(expected);
  });
});
