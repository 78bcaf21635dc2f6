#!/usr/bin/env node
// `npm run bench`: how fast Realmgate builds and signs a SAML Response, next to the physical limit measured in the
// same run: Node's crypto.sign, RSA-2048, with a cached KeyObject. Each figure is given as a ratio to that limit,
// measured right before and after it, in operations per CPU-second of this process pinned to one core (what others
// run on the machine does not count).
// A benchmark, not a test: nothing fails. Options: --rounds N (default 7), --ms N per task and round (default 300),
// --raw-only --json (what `npm run bench:http` asks for: the raw RSA figure alone, as JSON).
import { createPrivateKey } from 'node:crypto';
import { parseArgs } from 'node:util';

import {
  describeMachine,
  fixtureKey,
  withTypeScript,
  formatNumber,
  formatTable,
  measureInterleaved,
  opsPerSecond,
  median,
  pinToOneCore,
  rawRsaTask,
} from './bench-support.mjs';

const { values: options } = parseArgs({
  options: {
    rounds: { type: 'string', default: '7' },
    ms: { type: 'string', default: '300' },
    'raw-only': { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
  },
});
const rounds = Number(options.rounds);
const ms = Number(options.ms);

const pinned = pinToOneCore();
const { keyPem, key } = fixtureKey();
const raw = rawRsaTask(key.privateKey);

if (options['raw-only']) {
  opsPerSecond(raw, 300);
  const opsPerSecondRaw = median(Array.from({ length: rounds }, () => opsPerSecond(raw, ms)));
  console.log(options.json ? JSON.stringify({ opsPerSecond: opsPerSecondRaw, pinned }) : formatNumber(opsPerSecondRaw));
  process.exit(0);
}

await withTypeScript(['/lib/saml/response.ts'], ([{ buildResponse }]) => {
  const input = {
    issuer: 'urn:realmgate:bench',
    destination: 'https://us-api.mimecast.com/login/sso/mpp',
    recipient: 'https://us-api.mimecast.com/login/sso/mpp',
    audience: 'us-api.mimecast.com.C0A0',
    nameId: 'jane.doe@example.com',
    nameIdFormat: 'urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified',
    offsetMinutes: 5,
    validHours: 1,
    authnInstant: new Date(),
    sessionIndex: '_bench',
    attributes: [{ name: 'mail', nameFormat: 'urn:oasis:names:tc:SAML:2.0:attrname-format:basic', values: ['jane@example.com'] }],
  };
  const build = (signing) => () => buildResponse(input, signing);

  const TASKS = [
    { name: 'raw crypto.sign, RSA-2048 KeyObject', run: raw },
    { name: 'build + sign assertion', run: build({ key, signAssertion: true, signMessage: false }), target: 0.5 },
    { name: 'build + sign assertion and message', run: build({ key, signAssertion: true, signMessage: true }), target: 0.33 },
    { name: 'build only (no signature)', run: build({ key, signAssertion: false, signMessage: false }) },
    {
      name: 'build + sign assertion, key parsed from PEM each time (what the key cache avoids)',
      run: () => buildResponse(input, { key: { ...key, privateKey: createPrivateKey(keyPem) }, signAssertion: true, signMessage: false }),
    },
  ];

  console.log(`Realmgate bench: ${describeMachine(pinned)}; ${rounds} rounds of ${ms} ms of CPU per task, each between two raw RSA runs\n`);
  const results = measureInterleaved(TASKS, { rounds, ms });
  const rows = results.map((result, index) => {
    const target = TASKS[index].target;
    const spread = index === 0 ? '' : ` (${formatNumber(result.ratioMin, 3)}–${formatNumber(result.ratioMax, 3)})`;
    return [
      result.name,
      formatNumber(result.opsPerSecond),
      `${formatNumber(result.ratio, 3)}${spread}`,
      target ? `≥ ${target}${result.ratio >= target ? '' : '  (below)'}` : '',
    ];
  });
  console.log(formatTable(['task', 'per CPU-second', 'ratio to raw RSA (min–max)', 'target'], rows));
});
