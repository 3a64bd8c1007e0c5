import { once } from 'node:events';
import { realpath, stat } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { newEdgeIdentity } from '../../core/guard/cloudfront-error.ts';
import { type PublicKey, restrictViewerAccess } from '../../core/index.ts';
import { visible } from '../../core/lib/show-value.ts';
import { type FlagSpecs, parseFlags } from '../args.ts';
import { asCliError, CliError, usageError } from '../cli-error.ts';
import { EXIT, EXIT_CODES_HELP } from '../exit-codes.ts';
import { readPublicKey } from '../read-key.ts';
import type { Target, ViewerIpSource } from '../serve/server.ts';
import type { Command } from './command.ts';

const FLAGS = {
  origin: { type: 'string' },
  'trusted-key': { type: 'string', multiple: true },
  'public-key': { type: 'string' },
  'key-pair-id': { type: 'string' },
  domain: { type: 'string' },
  'path-pattern': { type: 'string', multiple: true },
  'viewer-ip': { type: 'string' },
  port: { type: 'string' },
  host: { type: 'string' },
  json: { type: 'boolean' },
} as const satisfies FlagSpecs;

const HELP = `Usage: signet serve FOLDER --trusted-key ID=PUBLIC_KEY [options]
       signet serve --origin URL --trusted-key ID=PUBLIC_KEY [options]

Serves a folder, or proxies to an origin, on localhost behind CloudFront's signed-content check
("Restrict viewer access" with a trusted key group): a request whose path a pattern covers needs
a valid signed URL or signed cookies, or gets the 403 CloudFront sends (MissingKey, InvalidKey,
MalformedPolicy, MalformedSignature, AccessDenied), with CloudFront's headers and XML body.
Links and cookies signed for the distribution's domain work here unchanged.

What is served:
  FOLDER                    files of this folder: GET and HEAD, byte ranges, ETag and
                            Last-Modified (304), content types, index.html for a folder;
                            nothing outside it, no dotfiles, no listings
  --origin URL              or pass every request on to this origin (its path is prefixed,
                            as CloudFront's origin path), streamed both ways

The trusted key group:
  --trusted-key ID=KEY      a key pair ID and its public key file (PEM; a private key file
                            works too); repeat for each key of the group
  --public-key KEY          one public key, with --key-pair-id ID (the same as --trusted-key)

The distribution:
  --domain NAME             the domain name that signatures name, such as
                            d111111abcdef8.cloudfront.net (checked as https://; write
                            http://NAME for http); by default the URL of this server itself
  --path-pattern PATTERN    a cache behavior path pattern that restricts viewer access, such
                            as /videos/* or *.m3u8; repeat for more; by default * (everything)
  --viewer-ip SOURCE        the viewer's IP address for IpAddress conditions: socket (the
                            default, as CloudFront), x-forwarded-for (its last entry, behind
                            a proxy), or a fixed address such as 192.0.2.7

The server:
  --port PORT               8080 by default; 0 picks a free port
  --host HOST               localhost by default
  --json                    log one JSON object per request instead of a line of text

Every request is logged on standard output: time, viewer IP, method, path (signing parameters
taken out), status, and for a refusal CloudFront's code and Signet's plain reason. Ctrl-C
stops the server cleanly (exit status 130); so does SIGTERM (exit status 0).

Examples:
  signet serve ./site --trusted-key K2JCJMDEHXQW5F=public_key.pem \\
    --domain d111111abcdef8.cloudfront.net --path-pattern '/videos/*'
  signet serve --origin http://localhost:3000 --trusted-key K2JCJMDEHXQW5F=public_key.pem \\
    --path-pattern '/media/*' --port 8443 --json
  curl -i "$(signet sign --url http://localhost:8080/videos/intro.mp4 \\
    --key-pair-id K2JCJMDEHXQW5F --private-key private_key.pem --expires-in 1h)"

${EXIT_CODES_HELP}
`;

/** How long in-flight requests may finish after Ctrl-C before their connections are cut. */
const DRAIN_MS = 3000;

export const serve: Command = {
  name: 'serve',
  summary: "a local server with CloudFront's signed URL and cookie check",
  help: HELP,
  async run(argv, { output }) {
    const { values, positionals, help } = parseFlags('serve', argv, FLAGS, 1);
    if (help) {
      await output.result(HELP);
      return EXIT.OK;
    }
    const target = await readTarget(positionals[0], values.origin);
    const trustedKeys = await readKeyGroup(values);
    const viewerIp = readViewerIp(values['viewer-ip']);
    const port = readPort(values.port);
    const host = values.host ?? 'localhost';
    const edge = newEdgeIdentity('LOCAL-P1');
    let guard: Awaited<ReturnType<typeof restrictViewerAccess>>;
    try {
      guard = await restrictViewerAccess({
        trustedKeys,
        ...(values.domain === undefined ? {} : { domainName: values.domain }),
        ...(values['path-pattern'] ? { pathPatterns: values['path-pattern'] } : {}),
        pop: edge.pop,
        serverId: edge.serverId,
      });
    } catch (error) {
      throw asCliError(error, {
        domainName: '--domain',
        pathPatterns: '--path-pattern',
        trustedKeys: '--trusted-key',
      });
    }
    let served = 0;
    // Loaded only here: node:http and the server cost every other command about 15 ms at start.
    const { createGuardedServer } = await import('../serve/server.ts');
    const { server, settled } = createGuardedServer({
      guard,
      target,
      viewerIp,
      edge,
      json: values.json === true,
      log: (line) => {
        served++;
        process.stdout.write(line);
      },
    });
    // Listening for the stop signals before anything is served, so none is ever missed.
    const stopped = stopSignal();
    server.listen(port, host);
    try {
      await once(server, 'listening');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new CliError(
        EXIT.USAGE,
        code === 'EADDRINUSE'
          ? `port ${port} on ${host} is in use: choose another with --port (0 picks a free one)`
          : `cannot listen on ${host}:${port}: ${(error as Error).message}`,
      );
    }
    const address = server.address() as AddressInfo;
    const shownHost = host.includes(':') ? `[${host}]` : host;
    const what = 'folder' in target ? target.folder : `the origin ${target.origin.href}`;
    output.note(
      `serving ${visible(what)} at http://${shownHost}:${address.port}/ (${address.address}); signatures are checked for ${values.domain ?? 'this server'}, on ${values['path-pattern']?.join(' ') ?? '*'}; Ctrl-C stops`,
    );
    const signal = await stopped;
    server.close();
    server.closeIdleConnections();
    const cut = setTimeout(() => server.closeAllConnections(), DRAIN_MS);
    await once(server, 'close');
    clearTimeout(cut);
    await settled();
    output.note(`stopped (${signal}) after ${served} ${served === 1 ? 'request' : 'requests'}`);
    return signal === 'SIGINT' ? EXIT.INTERRUPTED : EXIT.OK;
  },
};

function stopSignal(): Promise<'SIGINT' | 'SIGTERM'> {
  return new Promise((resolve) => {
    const stop = (signal: 'SIGINT' | 'SIGTERM') => () => {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
      resolve(signal);
    };
    const onInt = stop('SIGINT');
    const onTerm = stop('SIGTERM');
    process.once('SIGINT', onInt);
    process.once('SIGTERM', onTerm);
  });
}

async function readTarget(folder: string | undefined, origin: string | undefined): Promise<Target> {
  if ((folder === undefined) === (origin === undefined)) {
    throw usageError(
      'serve: give a folder to serve, or --origin URL to proxy to (one of them; see signet serve --help)',
    );
  }
  if (origin !== undefined) {
    let url: URL | undefined;
    try {
      url = new URL(origin);
    } catch {
      url = undefined;
    }
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.search || url.hash) {
      throw new CliError(
        EXIT.INPUT,
        `Invalid value for --origin: ${JSON.stringify(visible(origin.slice(0, 200)))} is not an http:// or https:// URL without a query; write it like http://localhost:3000`,
      );
    }
    return { origin: url };
  }
  const path = folder as string;
  try {
    const real = await realpath(path);
    if (!(await stat(real)).isDirectory()) throw new Error('not a folder');
    return { folder: real };
  } catch {
    throw new CliError(
      EXIT.FILE,
      `serve: ${visible(path)} is not a folder that can be read; give the folder to serve`,
    );
  }
}

async function readKeyGroup(values: {
  'trusted-key'?: string[];
  'public-key'?: string;
  'key-pair-id'?: string;
}): Promise<Map<string, PublicKey>> {
  const pairs: [string, string][] = [];
  for (const entry of values['trusted-key'] ?? []) {
    const equals = entry.indexOf('=');
    if (equals <= 0 || equals === entry.length - 1) {
      throw usageError(
        'serve: --trusted-key takes ID=PUBLIC_KEY, such as K2JCJMDEHXQW5F=public_key.pem',
      );
    }
    pairs.push([entry.slice(0, equals).trim(), entry.slice(equals + 1)]);
  }
  if ((values['public-key'] === undefined) !== (values['key-pair-id'] === undefined)) {
    throw usageError(
      'serve: --public-key and --key-pair-id go together (or use --trusted-key ID=KEY)',
    );
  }
  if (values['public-key'] !== undefined && values['key-pair-id'] !== undefined) {
    pairs.push([values['key-pair-id'], values['public-key']]);
  }
  if (pairs.length === 0) {
    throw usageError(
      'serve: give the trusted keys: --trusted-key ID=PUBLIC_KEY, the key pair ID and public key that CloudFront trusts (see signet serve --help)',
    );
  }
  const group = new Map<string, PublicKey>();
  for (const [id, key] of pairs) {
    if (!/^[A-Z0-9]{1,128}$/.test(id)) {
      throw new CliError(
        EXIT.INPUT,
        `Invalid value for --trusted-key: the key pair ID ${JSON.stringify(visible(id.slice(0, 64)))} is not one; CloudFront's look like K2JCJMDEHXQW5F (upper-case letters and digits)`,
      );
    }
    group.set(id, await readPublicKey(key));
  }
  return group;
}

function readViewerIp(value: string | undefined): ViewerIpSource {
  if (value === undefined || value === 'socket') return 'socket';
  if (value.toLowerCase() === 'x-forwarded-for') return 'x-forwarded-for';
  const text = value.trim();
  const ipv4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (
    ipv4?.slice(1).every((part) => Number(part) <= 255) ||
    /^[0-9a-f:]+:[0-9a-f:.]*$/i.test(text)
  ) {
    return { fixed: text };
  }
  throw new CliError(
    EXIT.INPUT,
    `Invalid value for --viewer-ip: give socket, x-forwarded-for or one IP address such as 192.0.2.7`,
  );
}

function readPort(value: string | undefined): number {
  if (value === undefined) return 8080;
  if (!/^\d{1,5}$/.test(value) || Number(value) > 65535) {
    throw new CliError(EXIT.INPUT, 'Invalid value for --port: give a port number from 0 to 65535');
  }
  return Number(value);
}
