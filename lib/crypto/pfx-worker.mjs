// Decodes one PKCS#12 (PFX) file in a worker thread, for lib/crypto/pfx.ts. node-forge is pure JavaScript:
// a file asking for millions of key-derivation iterations would block the server's request thread for as
// long as it likes. Here it blocks only this thread, which pfx.ts stops after a time limit.
//
// Plain JavaScript, not TypeScript: Node 20 runs worker files as they are (vitest does not transform them).
// workerData: { der: Uint8Array, password: string, maxIterations: number }. Posts one answer:
//   { outcome: 'decoded', key: string | null, certificate: string | null }   (PEM: the RSA key and its certificate)
//   { outcome: 'too-many-iterations', iterations: number }
//   { outcome: 'wrong-password' } | { outcome: 'unreadable' }
import { parentPort, workerData } from 'node:worker_threads';

import forge from 'node-forge';

const { asn1, pki } = forge;

/** An INTEGER as a number; anything longer than 6 bytes is as good as infinite here. */
function integerOf(node) {
  const bytes = Buffer.from(node.value, 'binary');
  return bytes.length > 6 ? Number.MAX_SAFE_INTEGER : bytes.readUIntBE(0, Math.max(1, bytes.length));
}

/** The content of a PKCS#7 ContentInfo ([0] EXPLICIT), and an OCTET STRING's bytes, even when BER-chunked. */
const contentOf = (contentInfo) => contentInfo.value[1].value[0];
const octetsOf = (node) => (node.constructed ? node.value.map(octetsOf).join('') : node.value);
const oidOf = (node) => asn1.derToOid(node.value);

/**
 * The iteration count of a password-based encryption AlgorithmIdentifier: PKCS#5 PBES2 keeps it in its
 * PBKDF2 parameters (RFC 8018 A.2, A.4); PKCS#12 PBE and PKCS#5 PBES1 in the parameters (RFC 7292 C, 8018 A.3).
 */
function pbeIterations(algorithm) {
  const [oid, params] = algorithm.value;
  if (oidOf(oid) === pki.oids.pkcs5PBES2) return integerOf(params.value[0].value[1].value[1]);
  return integerOf(params.value[1]);
}

/**
 * Every iteration count that can be read before decrypting anything (RFC 7292): the MAC's, each encrypted
 * SafeContents' and each shrouded key bag's in plain SafeContents. Bags inside an encrypted SafeContents
 * cannot be seen before it is decrypted: the time limit in pfx.ts covers those.
 */
function* iterationCounts(pfx) {
  const [, authSafe, macData] = pfx.value;
  // MacData ::= SEQUENCE { mac DigestInfo, macSalt OCTET STRING, iterations INTEGER DEFAULT 1 }
  if (macData) yield macData.value[2] ? integerOf(macData.value[2]) : 1;
  for (const contentInfo of asn1.fromDer(octetsOf(contentOf(authSafe))).value) {
    const type = oidOf(contentInfo.value[0]);
    if (type === pki.oids.encryptedData) {
      // EncryptedData ::= SEQUENCE { version, EncryptedContentInfo ::= SEQUENCE { contentType, algorithm, … } }
      yield pbeIterations(contentOf(contentInfo).value[1].value[1]);
    } else if (type === pki.oids.data) {
      for (const bag of asn1.fromDer(octetsOf(contentOf(contentInfo))).value) {
        // SafeBag ::= SEQUENCE { bagId, bagValue [0] EXPLICIT EncryptedPrivateKeyInfo { algorithm, data }, … }
        if (oidOf(bag.value[0]) === pki.oids.pkcs8ShroudedKeyBag) yield pbeIterations(bag.value[1].value[0].value[0]);
      }
    }
  }
}

function decode({ der, password, maxIterations }) {
  let pfx;
  let iterations = 0;
  try {
    pfx = asn1.fromDer(Buffer.from(der).toString('binary'));
    for (const count of iterationCounts(pfx)) iterations = Math.max(iterations, count);
  } catch {
    return { outcome: 'unreadable' };
  }
  if (iterations > maxIterations) return { outcome: 'too-many-iterations', iterations };
  let p12;
  try {
    p12 = forge.pkcs12.pkcs12FromAsn1(pfx, password);
  } catch (error) {
    const wrongPassword = error instanceof Error && /Invalid password|MAC could not be verified|wrong password/i.test(error.message);
    return { outcome: wrongPassword ? 'wrong-password' : 'unreadable' };
  }
  const bagsOf = (type) => p12.getBags({ bagType: type })[type] ?? [];
  // The first RSA key, and the certificate of that key (or the first one, for checkPair to refuse).
  const key = [...bagsOf(pki.oids.pkcs8ShroudedKeyBag), ...bagsOf(pki.oids.keyBag)].find((bag) => bag.key?.n)?.key;
  const certificates = bagsOf(pki.oids.certBag)
    .map((bag) => bag.cert)
    .filter(Boolean);
  const certificate = certificates.find((cert) => key && cert.publicKey.n?.compareTo(key.n) === 0) ?? certificates[0];
  return {
    outcome: 'decoded',
    key: key ? pki.privateKeyToPem(key) : null,
    certificate: certificate ? pki.certificateToPem(certificate) : null,
  };
}

parentPort?.postMessage(decode(workerData));
