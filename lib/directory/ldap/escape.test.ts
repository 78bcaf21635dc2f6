import { describe, expect, test } from 'vitest';

import { buildUserFilter, escapeFilterValue, firstRdnValue } from './escape';
import { inChainFilter } from './groups';

describe('RFC 4515 escaping of what users type', () => {
  test.each([
    ['jane', 'jane'],
    ['*', '\\2a'],
    ['jan*', 'jan\\2a'],
    ['(', '\\28'],
    [')', '\\29'],
    ['\\', '\\5c'],
    ['\0', '\\00'],
    ['jane)(uid=*', 'jane\\29\\28uid=\\2a'],
    ['*)(|(objectClass=*', '\\2a\\29\\28|\\28objectClass=\\2a'],
    ['a\\2a', 'a\\5c2a'],
    ['x\0)(uid=admin', 'x\\00\\29\\28uid=admin'],
    // Everything else stands as it is: UTF-8 is allowed in assertion values.
    ['Zoë Ångström', 'Zoë Ångström'],
    ["o'brien & co = <x>", "o'brien & co = <x>"],
  ])('%j → %j', (value, escaped) => {
    expect(escapeFilterValue(value)).toBe(escaped);
  });

  test('every %v of the Search Filter takes the escaped username', () => {
    expect(buildUserFilter('(|(uid=%v)(mail=%v@example.com))', 'a*)')).toBe('(|(uid=a\\2a\\29)(mail=a\\2a\\29@example.com))');
  });

  test("AD's in-chain filter carries the user's DN as an escaped value", () => {
    expect(inChainFilter('cn=Smith\\, J (IT),ou=people,dc=example,dc=com')).toBe(
      '(member:1.2.840.113556.1.4.1941:=cn=Smith\\5c, J \\28IT\\29,ou=people,dc=example,dc=com)',
    );
  });
});

describe('group names from DNs (RFC 4514 escapes undone)', () => {
  test.each([
    ['cn=Finance,ou=groups,dc=example,dc=com', 'Finance'],
    ['CN=Sales\\, EMEA,OU=Groups,DC=example,DC=com', 'Sales, EMEA'],
    ['cn=a\\+b+ou=x,dc=example', 'a+b'],
    ['cn=Z\\C3\\BCrich,dc=example', 'Zürich'],
    ['cn=back\\\\slash,dc=example', 'back\\slash'],
    ['cn=back\\\\5C,dc=example', 'back\\5C'],
    ['cn= padded ,dc=example', 'padded'],
    ['Finance', ''],
  ])('%s → %j', (dn, name) => {
    expect(firstRdnValue(dn)).toBe(name);
  });
});
