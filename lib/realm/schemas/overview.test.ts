import { describe, expect, test } from 'vitest';

import { fieldErrorsOf } from '@/test/schema-helpers';

import {
  MAX_LOGO_BYTES,
  type OverviewValues,
  defaultOverviewValues,
  fromOverviewValues,
  overviewSchema,
  parseLogo,
  toOverviewValues,
} from './overview';

// File contents as binary strings (one char per byte), the form atob/btoa work in.
const PNG = '\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01';
const JPEG = '\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01';
const SVG = '<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>';

function dataUrl(type: string, binary: string): string {
  return `data:${type};base64,${btoa(binary)}`;
}

function bytesOf(binary: string): Uint8Array {
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}

const valid: OverviewValues = {
  ...defaultOverviewValues({ name: 'Mimecast' }),
  description: 'Mimecast Personal Portal sign-in',
  logo: dataUrl('image/png', PNG),
  smtpHost: 'smtp.example.com',
  smtpPort: 587,
  smtpUsername: 'idp@example.com',
  smtpPassword: { isSet: true, replacement: null },
  smtpSecurity: 'starttls',
  senderAddress: 'idp@example.com',
  senderName: 'Realmgate',
};

const errorsOf = (values: unknown) => fieldErrorsOf(overviewSchema, values);

describe('company logo', () => {
  test.each<[string, string, string]>([
    ['a PNG', 'image/png', PNG],
    ['a JPEG', 'image/jpeg', JPEG],
    ['an SVG with an XML declaration', 'image/svg+xml', SVG],
    [
      'an SVG with a comment and a doctype',
      'image/svg+xml',
      '<!-- logo -->\n<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "x">\n<svg width="1"></svg>',
    ],
    ['a bare <svg> element', 'image/svg+xml', '<svg xmlns="http://www.w3.org/2000/svg"></svg>'],
  ])('accepts %s and decodes its bytes', (_case, type, binary) => {
    expect(parseLogo(dataUrl(type, binary))).toEqual({ type, bytes: bytesOf(binary) });
  });

  test('accepts a logo of exactly 256 KB', () => {
    const binary = PNG + 'x'.repeat(MAX_LOGO_BYTES - PNG.length);
    expect(parseLogo(dataUrl('image/png', binary))).toMatchObject({ type: 'image/png' });
  });

  test.each<[string, string, RegExp]>([
    ['a text file renamed to .png', dataUrl('image/png', 'hello, world'), /not a valid PNG image/],
    ['a GIF sent as a PNG', dataUrl('image/png', 'GIF89a\x01\x00\x01\x00'), /not a valid PNG image/],
    ['a PNG sent as a JPEG', dataUrl('image/jpeg', PNG), /not a valid JPEG image/],
    ['an HTML page sent as an SVG', dataUrl('image/svg+xml', '<html><script>alert(1)</script></html>'), /not a valid SVG/],
    ['a logo over 256 KB', dataUrl('image/png', PNG + 'x'.repeat(MAX_LOGO_BYTES)), /257 KB; use an image of at most 256 KB/],
    ['an HTML data URL', dataUrl('text/html', '<p>hi</p>'), /Upload a PNG, JPEG or SVG image/],
    ['a GIF data URL', dataUrl('image/gif', 'GIF89a'), /Upload a PNG, JPEG or SVG image/],
    ['an SVG data URL that is not base64', 'data:image/svg+xml,<svg></svg>', /Upload a PNG, JPEG or SVG image/],
    ['a web address instead of a file', 'https://cdn.example.com/logo.png', /Upload a PNG, JPEG or SVG image/],
    ['base64 of an impossible length', 'data:image/png;base64,AAAAA', /Upload a PNG, JPEG or SVG image/],
  ])('refuses %s', (_case, url, message) => {
    expect(parseLogo(url)).toMatch(message);
  });
});

describe('overview schema', () => {
  test('accepts a realm with a logo and SMTP settings', () => {
    expect(errorsOf(valid)).toEqual({});
  });

  test('accepts the defaults of a new realm (no logo, no SMTP server)', () => {
    expect(errorsOf(defaultOverviewValues({ name: 'New realm' }))).toEqual({});
  });

  test.each<[string, Partial<OverviewValues> | Record<string, unknown>, string, RegExp]>([
    ['an empty Realm Name', { name: '   ' }, 'name', /Enter a realm name/],
    ['a Realm Name over 100 characters', { name: 'x'.repeat(101) }, 'name', /at most 100/],
    ['a text file renamed to .png as logo', { logo: dataUrl('image/png', 'hello') }, 'logo', /not a valid PNG image/],
    ['a logo over 256 KB', { logo: dataUrl('image/png', PNG + 'x'.repeat(MAX_LOGO_BYTES)) }, 'logo', /at most 256 KB/],
    ['a logo of another data URL type', { logo: dataUrl('text/html', '<svg></svg>') }, 'logo', /PNG, JPEG or SVG/],
    ['a line break in the Document Title', { documentTitle: 'Sign in\nnow' }, 'documentTitle', /single line/],
    ['a Page Header over 200 characters', { pageHeader: 'x'.repeat(201) }, 'pageHeader', /at most 200/],
    ['an SMTP server with a scheme', { smtpHost: 'smtp://smtp.example.com' }, 'smtpHost', /host name or IPv4 address only/],
    ['an SMTP server with a port', { smtpHost: 'smtp.example.com:587' }, 'smtpHost', /host name or IPv4 address only/],
    ['an SMTP server without a Sender Address', { senderAddress: '' }, 'senderAddress', /address emails are sent from/],
    ['a Sender Address that is not an email address', { senderAddress: 'idp' }, 'senderAddress', /email address/],
    [
      'a header injected after the Sender Address',
      { senderAddress: 'idp@example.com\r\nBcc: all@example.com' },
      'senderAddress',
      /email address/,
    ],
    ['CR/LF in the Subject', { emailSubject: 'Your code\r\nBcc: all@example.com' }, 'emailSubject', /single line/],
    ['a bare LF in the Subject', { emailSubject: 'Your code\nBcc: all@example.com' }, 'emailSubject', /single line/],
    ['a bare CR in the Subject', { emailSubject: 'Your code\rBcc: all@example.com' }, 'emailSubject', /single line/],
    ['CR/LF in the Sender Name', { senderName: 'Realmgate\r\nBcc: all@example.com' }, 'senderName', /single line/],
    ['a bare LF in the Sender Name', { senderName: 'Realmgate\nX-Priority: 1' }, 'senderName', /single line/],
    ['an empty Subject', { emailSubject: '  ' }, 'emailSubject', /subject of one-time passcode emails/],
    ['a line break in the SMTP Username', { smtpUsername: 'idp\r\nRCPT TO:<x@example.com>' }, 'smtpUsername', /single line/],
    ['Port 0', { smtpPort: 0 }, 'smtpPort', /1 to 65535/],
    ['Port 65536', { smtpPort: 65536 }, 'smtpPort', /1 to 65535/],
    ['a Port that is not a whole number', { smtpPort: 25.5 }, 'smtpPort', /whole number/],
    ['an empty Port box', { smtpPort: Number.NaN }, 'smtpPort', /whole number/],
    ['a Port as text', { smtpPort: '25' }, 'smtpPort', /whole number/],
    ['an unknown SSL mode', { smtpSecurity: 'sslv3' }, 'smtpSecurity', /from the list/],
    ['a password sent as plain text', { smtpPassword: 'hunter2' }, 'smtpPassword', /object/],
    ['a password secret without isSet', { smtpPassword: { replacement: 'hunter2' } }, 'smtpPassword.isSet', /boolean/],
    ['a password secret without replacement', { smtpPassword: { isSet: true } }, 'smtpPassword.replacement', /string/],
    [
      'a password replacement over 512 characters',
      { smtpPassword: { isSet: false, replacement: 'x'.repeat(513) } },
      'smtpPassword.replacement',
      /at most 512/,
    ],
    ['an SMTP server WHATWG URL reads as an IPv4 address', { smtpHost: '999.999.999.999' }, 'smtpHost', /host name or IPv4/],
    ['a Realm Name with NUL', { name: 'Finance\u0000' }, 'name', /control character U\+0000/],
    ['a Description with a bell', { description: 'Portal\u0007' }, 'description', /control character U\+0007/],
    ['a Page Header with U+FFFE', { pageHeader: 'Sign in\uFFFE' }, 'pageHeader', /noncharacter/],
    ['a Sender Name with a lone surrogate', { senderName: 'IdP \uD800' }, 'senderName', /broken character/],
    // SSL None sends AUTH in clear text: only with the admin's explicit consent.
    ['SSL None with a username and a stored password', { smtpSecurity: 'none' }, 'smtpSecurity', /clear text/],
    [
      'SSL None with a username and a new password',
      { smtpSecurity: 'none', smtpPassword: { isSet: false, replacement: 'secret' } },
      'smtpSecurity',
      /tick Allow plain-text authentication/,
    ],
  ])('refuses %s', (_case, change, field, message) => {
    expect(errorsOf({ ...valid, ...change })[field]).toMatch(message);
  });

  test.each<[string, OverviewValues['smtpPassword']]>([
    ['keeping the stored password', { isSet: true, replacement: null }],
    ['replacing the stored password', { isSet: true, replacement: 'new-password' }],
    ['setting a first password', { isSet: false, replacement: 'new-password' }],
    ['clearing the password', { isSet: false, replacement: null }],
  ])('accepts a secret %s', (_case, smtpPassword) => {
    expect(errorsOf({ ...valid, smtpPassword })).toEqual({});
  });

  test.each<[string, Partial<OverviewValues>]>([
    ['SSL None with plain-text authentication allowed', { smtpSecurity: 'none', smtpAllowPlainAuth: true }],
    ['SSL None without a password', { smtpSecurity: 'none', smtpPassword: { isSet: false, replacement: null } }],
    ['SSL None without a username (no AUTH at all)', { smtpSecurity: 'none', smtpUsername: '' }],
    ['SSL-TLS with a password', { smtpSecurity: 'tls' }],
    ['an SMTP server at an IPv4 address', { smtpHost: '192.0.2.25' }],
    ['a Description on several lines, with tabs', { description: 'Finance\n\tPayroll' }],
  ])('accepts %s', (_case, change) => {
    expect(errorsOf({ ...valid, ...change })).toEqual({});
  });

  test('does not require a Sender Address while no SMTP server is set', () => {
    expect(errorsOf({ ...valid, smtpHost: '', senderAddress: '' })).toEqual({});
  });

  test('trims surrounding spaces', () => {
    const parsed = overviewSchema.parse({ ...valid, name: '  Mimecast  ', smtpHost: ' smtp.example.com ' });
    expect(parsed.name).toBe('Mimecast');
    expect(parsed.smtpHost).toBe('smtp.example.com');
  });
});

describe('overview converters', () => {
  test.each<[string, string]>([
    ['a PNG logo', dataUrl('image/png', PNG)],
    ['an SVG logo', dataUrl('image/svg+xml', SVG)],
    ['no logo', ''],
  ])('round trip with %s', (_case, logo) => {
    const values = { ...valid, logo };
    const { name, row, smtpPassword } = fromOverviewValues(values);
    expect(smtpPassword).toEqual(values.smtpPassword);
    expect(toOverviewValues(name, { ...row, realmId: 'r1', smtpPasswordEnc: 'v1.iv.tag.ciphertext' })).toEqual(values);
  });

  test('store the logo as decoded bytes with its type', () => {
    const { row } = fromOverviewValues(valid);
    expect(row.logo).toEqual(bytesOf(PNG));
    expect(row.logoType).toBe('image/png');
  });

  test('store no logo as null bytes and type', () => {
    const { row } = fromOverviewValues({ ...valid, logo: '' });
    expect(row.logo).toBeNull();
    expect(row.logoType).toBeNull();
  });

  test('report a password as not set when no ciphertext is stored', () => {
    const { name, row } = fromOverviewValues(valid);
    expect(toOverviewValues(name, { ...row, realmId: 'r1', smtpPasswordEnc: null }).smtpPassword).toEqual({
      isSet: false,
      replacement: null,
    });
  });
});
