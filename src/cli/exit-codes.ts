/**
 * The exit statuses of `signet`, one per kind of failure, so that a script can tell a typo in its
 * own command line from a bad key or a bad URL without reading the message.
 */
export const EXIT = {
  /** Done; for inspect and verify: CloudFront would allow the request. */
  OK: 0,
  /** inspect and verify: CloudFront would refuse the request (HTTP 403). */
  DENIED: 1,
  /** The command line is wrong: unknown option, missing or conflicting options. */
  USAGE: 2,
  /** The key cannot be used: missing file, not a key, wrong type, passphrase missing or wrong. */
  KEY: 3,
  /** An input is refused: URL, resource, date, IP address, key pair ID, hash; in a batch, any line. */
  INPUT: 4,
  /** A file other than the key cannot be read or written (keygen never overwrites a file). */
  FILE: 5,
  /** A bug in Signet; the message says how to get the stack trace. */
  INTERNAL: 70,
  /** Interrupted (Ctrl-C, SIGINT), as a shell reports it: 128 + 2. A batch says how far it got. */
  INTERRUPTED: 130,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** The table that every --help ends with. */
export const EXIT_CODES_HELP = `Exit status:
  0  success (inspect, verify: CloudFront would allow the request)
  1  inspect, verify: CloudFront would refuse the request (HTTP 403)
  2  usage error: unknown, missing or conflicting options
  3  the key cannot be used (missing, not a key, wrong type, passphrase missing or wrong)
  4  an input is refused (URL, resource, date, IP address, key pair ID, hash algorithm);
     for a batch: at least one line could not be signed
  5  a file cannot be read or written (keygen refuses to overwrite)
 70  internal error (set SIGNET_DEBUG=1 for the stack trace)
130  interrupted (Ctrl-C); a batch stops after a whole line and says how far it got
141  stdout was closed early (as in signet sign --urls-file big.txt | head)`;
