import 'server-only';

import { findUnsafeCharacter } from '@/lib/characters';
import { SamlError } from '@/lib/errors';
import { isSaml2Redirect } from '@/lib/realm/options';
import { HTTPS_URL_MESSAGE, describeUnsafeCharacter, parseHttpsUrl } from '@/lib/realm/schemas/fields';
import { PLACEHOLDER, type PostAuthenticationValues } from '@/lib/realm/schemas/post-authentication';

import { MISCONFIGURED } from './messages';
import type { SsoRealm } from './realm';

/**
 * What issuing an assertion needs of the stored Post Authentication, checked on each issue. Not the tab's schema:
 * a form rule tightened later makes the form refuse a value at its next save, but never stops a realm that
 * signs users in today; this list only holds what would make the assertion unsafe, unusable or unwritable.
 */
function problemsOf(config: PostAuthenticationValues): string[] {
  const problems: string[] = [];
  const problem = (field: string, message: string) => problems.push(`${field}: ${message}`);
  // Every value the Response or the auto-POST page carries: XML 1.0 and one line of HTML can hold it.
  const texts: [string, string][] = [
    ['issuer', config.issuer],
    ['audience', config.audience],
    ['consumerUrl', config.consumerUrl],
    ['recipient', config.recipient],
    ['targetUrl', config.targetUrl],
    ['nameIdFormat', config.nameIdFormat],
    ...config.samlAttributes.flatMap((attribute, index): [string, string][] => [
      [`samlAttributes.${index}.name`, attribute.name],
      [`samlAttributes.${index}.namespace`, attribute.namespace],
    ]),
  ];
  for (const [field, value] of texts) {
    const unsafe = findUnsafeCharacter(value, { multiLine: false });
    if (unsafe) problem(field, describeUnsafeCharacter(unsafe));
  }
  // An assertion is a bearer token: it goes to an https address only, and names its issuer and audience.
  if (parseHttpsUrl(config.consumerUrl) === null) problem('consumerUrl', `The SAML Consumer URL is required. ${HTTPS_URL_MESSAGE}`);
  if (config.recipient !== '' && parseHttpsUrl(config.recipient) === null) problem('recipient', HTTPS_URL_MESSAGE);
  if (config.issuer === '') problem('issuer', 'Enter the Issuer');
  if (config.audience === '') problem('audience', 'Enter the SAML Audience');
  const placeholder = PLACEHOLDER.exec(config.audience)?.[0];
  if (placeholder) problem('audience', `Replace ${placeholder} with the real value`);
  if (!config.signAssertion && !config.signMessage) problem('signAssertion', 'an unsigned response can be forged by anyone');
  if (config.encryptAssertion) problem('encryptAssertion', 'Realmgate cannot encrypt an assertion: it would go out in the clear');
  config.samlAttributes.forEach((attribute, index) => {
    if (attribute.name === '') problem(`samlAttributes.${index}.name`, 'Enter the attribute name');
  });
  return problems;
}

/** The outcome of checkConfig per cached realm (realm-cache.ts): a realm's stored values never change under it. */
const checked = new WeakMap<SsoRealm, PostAuthenticationValues | SamlError>();

/** The realm's stored Post Authentication if an assertion can be issued from it; else a SamlError for the log. */
export function checkedConfig(realm: SsoRealm): PostAuthenticationValues {
  let outcome = checked.get(realm);
  if (!outcome) {
    outcome = checkConfig(realm);
    checked.set(realm, outcome);
  }
  if (outcome instanceof SamlError) throw outcome;
  return outcome;
}

function checkConfig(realm: SsoRealm): PostAuthenticationValues | SamlError {
  const config = realm.postAuthentication;
  if (!isSaml2Redirect(config.redirect)) {
    return new SamlError(
      MISCONFIGURED,
      `realm ${realm.slug}: Authenticated User Redirect is "${config.redirect}", not a SAML 2.0 redirect`,
    );
  }
  const problems = problemsOf(config);
  if (problems.length > 0) {
    return new SamlError(MISCONFIGURED, `realm ${realm.slug}: Post Authentication is not valid (${problems.join('; ')})`);
  }
  // URLs as the form stores them (a browser's normal form); a value stored otherwise goes out the same way.
  const normalised = (url: string) => (url === '' ? '' : (parseHttpsUrl(url)?.href ?? url));
  return {
    ...config,
    consumerUrl: normalised(config.consumerUrl),
    recipient: normalised(config.recipient),
    targetUrl: normalised(config.targetUrl),
  };
}
