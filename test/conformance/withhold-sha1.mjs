/**
 * Preloaded with `node --import` by the "SHA-1 withheld" runner (runtimes.ts): makes WebCrypto
 * refuse SHA-1 signatures, digests and PBKDF2 as a FIPS 140-3 build refuses them, while SHA-1
 * verification stays allowed (FIPS keeps it for legacy signatures).
 */

const subtle = globalThis.crypto.subtle;

function hashName(hash) {
  return typeof hash === 'string' ? hash : hash?.name;
}

function usesSha1(algorithm, key) {
  const named = typeof algorithm === 'string' ? algorithm : algorithm?.name;
  return (
    named?.toUpperCase() === 'SHA-1' ||
    hashName(algorithm?.hash)?.toUpperCase() === 'SHA-1' ||
    hashName(key?.algorithm?.hash)?.toUpperCase() === 'SHA-1'
  );
}

function refuse() {
  throw new DOMException('SHA-1 is not allowed in FIPS mode (simulated)', 'NotSupportedError');
}

for (const [method, keyArgument] of [
  ['sign', 1],
  ['digest', -1],
  ['deriveBits', 1],
  ['deriveKey', 1],
]) {
  const original = subtle[method].bind(subtle);
  subtle[method] = async (...args) => {
    if (usesSha1(args[0], keyArgument >= 0 ? args[keyArgument] : undefined)) refuse();
    return original(...args);
  };
}
