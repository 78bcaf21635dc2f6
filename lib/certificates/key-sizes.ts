/** RSA key sizes offered for new signing certificates (NIST SP 800-57: 2048 bits at least). */
export const KEY_SIZES = Object.freeze([2048, 3072] as const);
