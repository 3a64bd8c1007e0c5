// What `npm run bench` measures: one entry per row and column of the README's table. Each entry
// measures once; run.mjs runs every entry once per round, in a different order each round.

export const COLUMNS = [
  { id: 'rsa-sha1', name: 'RSA-2048 SHA-1', type: 'RSA', hash: 'SHA1', openssl: 'rsa2048' },
  { id: 'rsa-sha256', name: 'RSA-2048 SHA-256', type: 'RSA', hash: 'SHA256', openssl: 'rsa2048' },
  { id: 'ecdsa', name: 'ECDSA P-256', type: 'ECDSA', hash: 'SHA256', openssl: 'ecdsap256' },
];

/**
 * The rows, in the table's order, with what each one means (the README prints these). `cores` is
 * how many cores the method keeps busy, for the comparison with the SDK per core.
 */
export const ROWS = [
  {
    id: 'openssl-multi',
    label: 'openssl speed -elapsed -multi 2: the limit',
    meaning:
      "the machine's limit: one `openssl speed` process per core, signing a digest in C; with `-elapsed` each counts signatures per second of wall time, so their sum is what the machine does in a second. It runs for 1 s just before every Signet figure below, and each share of the limit is taken against the run just before it (on a shared machine, a limit measured minutes apart says little); this row is the median of all those runs",
  },
  {
    id: 'openssl-one',
    label: 'openssl speed -elapsed: one core',
    meaning: 'the same on one core, once per round',
  },
  {
    id: 'cli',
    label: 'Signet CLI, 100,000 URLs from a file',
    cores: 2,
    meaning:
      '`signet sign --urls-file` over a file of 100,000 URLs, from starting the process to its exit, output to a file: reading, every URL check, signing on one thread per core (node:crypto), writing',
  },
  {
    id: 'cli-today',
    label: 'Signet CLI before issue 15',
    cores: 2,
    meaning:
      'the same command built from the commit before issue 15 (every URL checked on the main thread, WebCrypto 64 in flight); ECDSA and RSA SHA-1 only, to keep the bench short',
  },
  {
    id: 'library',
    label: 'Signet library in Node (signUrls)',
    cores: 2,
    meaning:
      '`signUrls` in one Node process with WebCrypto, 64 signatures in flight (Node runs them on its thread pool), for 3 s',
  },
  {
    id: 'webcrypto',
    label: 'WebCrypto alone in Node',
    cores: 2,
    meaning:
      '`crypto.subtle.sign` alone over the same policies, 64 in flight, no URL work at all: the ceiling under the library',
  },
  {
    id: 'page-pool',
    label: 'Signet page, worker pool',
    cores: 2,
    meaning:
      "the built page in Chromium over file://, its Batch view as a user drives it (paste, Sign), timed from the first progress event to the last: one Web Worker per core runs the core's signUrls on blocks of URLs",
  },
  {
    id: 'page-pool-today',
    label: 'Signet page before issue 15',
    cores: 2,
    meaning:
      'the page built from the commit before issue 15, driven the same way: the page checked every URL and built every policy, the workers only signed',
  },
  {
    id: 'page-webcrypto',
    label: 'WebCrypto alone in Chromium, a worker per core',
    cores: 2,
    meaning:
      "`crypto.subtle.sign` alone in Chromium, one Web Worker per core each with 64 signatures in flight over the same policies, no URL work at all, for 3 s: the ceiling under the page's pool (Chromium signs on the thread that asks)",
  },
  {
    id: 'page-main-thread',
    label: "Signet page's core, main thread, one by one",
    cores: 1,
    meaning: "the core on a page's main thread in Chromium, one URL at a time, no workers",
  },
  {
    id: 'sdk',
    label: '@aws-sdk/cloudfront-signer as its users call it',
    cores: 1,
    meaning:
      "`getSignedUrl` with the key's PEM text, as its API takes it (it parses the key on every URL), one URL after another on one core, for 3 s; it cannot sign with ECDSA",
  },
];

/** Rows that are Signet's own, for the sanity check against the machine's limit. */
export const SIGNET_ROWS = ['cli', 'library', 'page-pool', 'page-main-thread'];
