/**
 * `signet sign --urls-file`: one URL per line, results streamed in input order with bounded
 * memory, bad lines reported by number while the rest are signed.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createPublicKey, verify } from 'node:crypto';
import { closeSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, requireBuiltCli, scratch, signet, vectorKey } from './cli.ts';

const folder = scratch('batch');
const file = folder.path;
// ECDSA P-256 signs fast, so 100,000 URLs take seconds, not minutes.
const KEY = vectorKey('keys/sep-test-ecdsa-key.pem');
const SIGNING = [
  '--key-pair-id',
  'K2JCJMDEHXQW5F',
  '--private-key',
  KEY,
  '--date-less-than',
  '2030-01-01',
];
const TOTAL = 100_000;
const BAD_LINE = 54_321;
const LIMIT_KB = 200 * 1024;

const urlFor = (line: number) =>
  `https://d111111abcdef8.cloudfront.net/videos/${line}/segment-${line}.ts?v=${line % 7}`;

beforeAll(() => {
  requireBuiltCli();
  const lines: string[] = [];
  for (let line = 1; line <= TOTAL; line++) {
    lines.push(
      line === BAD_LINE
        ? 'https://d111111abcdef8.cloudfront.net/a file with spaces.ts'
        : urlFor(line),
    );
  }
  writeFileSync(file('urls.txt'), `${lines.join('\n')}\n`);
});
afterAll(folder.remove);

/** Runs a batch with stdout in a file (so the test holds no pipe buffer) and returns its peak RSS. */
async function bigBatch(nodeArgs: string[] = []) {
  const out = file(`signed-${nodeArgs.length}.txt`);
  const fd = openSync(out, 'w');
  const started = performance.now();
  const run = await signet(['sign', '--urls-file', file('urls.txt'), ...SIGNING], {
    nodeArgs,
    stdoutFd: fd,
    env: { SIGNET_DEBUG_MAX_RSS: '1' },
  });
  closeSync(fd);
  const seconds = (performance.now() - started) / 1000;
  const maxRssKb = Number(/maxRSS (\d+) kB/.exec(run.stderr)?.[1]);
  return { run, seconds, maxRssKb, output: readFileSync(out, 'utf8') };
}

describe('a batch of 100,000 URLs from a file', () => {
  it(`finishes with a peak RSS under 200 MB, every good line signed in input order and line ${BAD_LINE} reported`, async () => {
    const { run, seconds, maxRssKb, output } = await bigBatch();
    console.log(
      `100,000 URLs (ECDSA P-256): ${seconds.toFixed(1)} s, peak RSS ${(maxRssKb / 1024).toFixed(1)} MB`,
    );
    expect(maxRssKb).toBeGreaterThan(0);
    expect(maxRssKb).toBeLessThan(LIMIT_KB);

    // One bad line: exit status 4 at the end, the line reported by number, the others signed.
    expect(run.status).toBe(4);
    const errors = run.stderr
      .split('\n')
      .filter((line) => line.startsWith('signet: ') && !line.startsWith('signet: debug:'));
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatch(
      new RegExp(`^signet: .*urls\\.txt line ${BAD_LINE}: The URL .* has a space`),
    );
    expect(errors[1]).toBe(
      'signet: 1 of 100,000 URLs could not be signed (see the lines above); the other 99,999 were signed',
    );

    const lines = output.split('\n');
    expect(lines.pop()).toBe('');
    expect(lines).toHaveLength(TOTAL - 1);
    let index = 0;
    for (let line = 1; line <= TOTAL; line++) {
      if (line === BAD_LINE) continue;
      const signed = lines[index++] as string;
      if (
        !signed.startsWith(`${urlFor(line)}&Expires=1893456000&Signature=`) ||
        !signed.endsWith('&Key-Pair-Id=K2JCJMDEHXQW5F&Hash-Algorithm=SHA256')
      ) {
        expect.fail(`output line ${index} is not the signed input line ${line}: ${signed}`);
      }
    }
  }, 180_000);

  it('also finishes with the JavaScript heap capped at 32 MB, so the live memory does not grow with the input', async () => {
    const { run, seconds, maxRssKb, output } = await bigBatch(['--max-old-space-size=32']);
    console.log(
      `100,000 URLs with --max-old-space-size=32: ${seconds.toFixed(1)} s, peak RSS ${(maxRssKb / 1024).toFixed(1)} MB`,
    );
    expect(run.status, run.stderr).toBe(4);
    expect(output.split('\n')).toHaveLength(TOTAL);
  }, 180_000);
});

describe.concurrent('batch lines', () => {
  const lines = [
    'https://d111111abcdef8.cloudfront.net/one.jpg',
    'https://d111111abcdef8.cloudfront.net/two.jpg?size=large',
    'https://d111111abcdef8.cloudfront.net/has space.jpg',
    '',
    'https://d111111abcdef8.cloudfront.net/four.jpg\r',
    'ftp://d111111abcdef8.cloudfront.net/five.jpg',
    '  https://d111111abcdef8.cloudfront.net/six.jpg  ',
  ];
  const input = `\ufeff${lines.join('\n')}`;

  it('are signed in order; bad ones are reported by line number (blank lines count), and the status is 4', async () => {
    writeFileSync(file('mixed.txt'), input);
    const run = await signet(['sign', '--urls-file', file('mixed.txt'), ...SIGNING]);
    expect(run.status).toBe(4);
    const signed = run.stdout.split('\n').filter((line) => line !== '');
    expect(signed.map((url) => url.slice(0, url.indexOf('Expires=') - 1))).toEqual([
      'https://d111111abcdef8.cloudfront.net/one.jpg',
      'https://d111111abcdef8.cloudfront.net/two.jpg?size=large',
      'https://d111111abcdef8.cloudfront.net/four.jpg',
      'https://d111111abcdef8.cloudfront.net/six.jpg',
    ]);
    expect(run.stderr).toMatch(/mixed\.txt line 3: The URL .* has a space/);
    expect(run.stderr).toMatch(/mixed\.txt line 6: The URL "ftp:/);
    expect(run.stderr).toContain('2 of 6 URLs could not be signed');
    expect(run.stderr).not.toContain('\r');
  });

  it('come from standard input with --urls-file -', async () => {
    const run = await signet(['sign', '--urls-file', '-', ...SIGNING], { input });
    expect(run.status).toBe(4);
    expect(run.stdout.split('\n').filter((line) => line !== '')).toHaveLength(4);
    expect(run.stderr).toContain('standard input line 3:');
  });

  it('give one JSON object per line with --json, failures included', async () => {
    const run = await signet(['sign', '--urls-file', '-', ...SIGNING, '--json'], { input });
    expect(run.status).toBe(4);
    const records = run.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(records.map((record) => [record.line, record.ok])).toEqual([
      [1, true],
      [2, true],
      [3, false],
      [5, true],
      [6, false],
      [7, true],
    ]);
    expect(records[2]).toMatchObject({ input: lines[2], code: 'ERR_URL_CHARACTERS' });
    expect(records[0].url).toMatch(
      /^https:\/\/d111111abcdef8\.cloudfront\.net\/one\.jpg\?Expires=/,
    );
  });

  it('with --encode-url, percent-encode what a browser would before signing', async () => {
    const run = await signet(['sign', '--urls-file', '-', ...SIGNING, '--encode-url'], {
      input: 'https://d111111abcdef8.cloudfront.net/has space.jpg\n',
    });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(
      /^https:\/\/d111111abcdef8\.cloudfront\.net\/has%20space\.jpg\?Expires=/,
    );
  });

  it('are not read when an option is wrong for every line: the batch fails at once with status 4', async () => {
    const run = await signet(
      ['sign', '--urls-file', '-', ...SIGNING, '--ip-address', '10.0.0.0/33'],
      { input: '' },
    );
    expect(run.status).toBe(4);
    expect(run.stderr).toMatch(/^signet: Invalid value for --ip-address: /);
  });

  it('outside --policy-resource are reported by line number, the others signed with the custom policy', async () => {
    const run = await signet(
      [
        'sign',
        '--urls-file',
        '-',
        ...SIGNING,
        '--policy-resource',
        'https://d111111abcdef8.cloudfront.net/videos/*',
      ],
      {
        input: `${urlFor(1)}\nhttps://d111111abcdef8.cloudfront.net/images/a.jpg\n${urlFor(3)}\n`,
      },
    );
    expect(run.status).toBe(4);
    const signedLines = run.stdout.trim().split('\n');
    expect(signedLines).toHaveLength(2);
    for (const line of signedLines)
      expect(line).toMatch(/\/videos\/\d+\/segment-\d+\.ts\?v=\d&Policy=/);
    expect(run.stderr).toMatch(
      /standard input line 2: The policy resource "https:\/\/d111111abcdef8\.cloudfront\.net\/videos\/\*" does not cover the URL "https:\/\/d111111abcdef8\.cloudfront\.net\/images\/a\.jpg": a wildcard in the path/,
    );
  });

  it('end in status 0 with an empty input', async () => {
    const run = await signet(['sign', '--urls-file', '-', ...SIGNING], { input: '\n\n' });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toBe('');
  });

  it('show a warning about the key or the dates once, not once per line', async () => {
    const rsa = [
      '--key-pair-id',
      'K1TESTKEY',
      '--private-key',
      vectorKey('keys/sep-test-rsa-key.pem'),
      '--date-less-than',
      '2020-01-01',
    ];
    const many = Array.from({ length: 50 }, (_, line) => urlFor(line)).join('\n');
    const run = await signet(['sign', '--urls-file', '-', ...rsa], { input: many });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr.match(/\[RSA_KEY_SIZE\]/g)).toHaveLength(1);
    expect(run.stderr.match(/\[ALREADY_EXPIRED\]/g)).toHaveLength(1);
    expect(run.stdout).not.toContain('warning');
  });
});

describe('streaming', () => {
  it('writes the signed URL of a line from standard input before the input ends', async () => {
    const child = spawn(process.execPath, [CLI, 'sign', '--urls-file', '-', ...SIGNING], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    child.stdin.write(`${urlFor(1)}\n`);
    const first = await new Promise<string>((resolve, reject) => {
      child.stdout.once('data', (chunk: Buffer) => resolve(chunk.toString()));
      child.once('close', () => reject(new Error('signet exited before it signed the first line')));
    });
    expect(first).toMatch(new RegExp(`^${urlFor(1).replace(/[.?]/g, '\\$&')}&Expires=`));
    child.stdin.end(`${urlFor(2)}\n`);
    const status = await new Promise((resolve) => child.once('close', resolve));
    expect(status).toBe(0);
  }, 30_000);

  it('shows a progress line on stderr when it is a terminal', () => {
    writeFileSync(
      file('20k.txt'),
      Array.from({ length: 20_000 }, (_, line) => urlFor(line + 1)).join('\n'),
    );
    const command = [process.execPath, CLI, 'sign', '--urls-file', file('20k.txt'), ...SIGNING]
      .map((word) => `'${word}'`)
      .join(' ');
    // script(1) runs the command on a pseudo-terminal, so stderr is a TTY; stdout goes to a file.
    const result = spawnSync(
      'script',
      ['-qec', `${command} > '${file('20k-signed.txt')}'`, '/dev/null'],
      { encoding: 'utf8' },
    );
    expect(result.status, result.stdout).toBe(0);
    expect(result.stdout).toMatch(/\rsignet: signed [\d,]+ URLs…/);
    expect(result.stdout).toMatch(/signet: signed 20,000 URLs in [\d.]+ s/);
    expect(readFileSync(file('20k-signed.txt'), 'utf8').split('\n')).toHaveLength(20_001);
  }, 60_000);
});

describe('Ctrl-C (SIGINT) during a batch', () => {
  /** Runs a batch, sends SIGINT once `ready` says so, and collects what it wrote. */
  function interrupt(
    args: string[],
    ready: (stdout: string) => boolean,
    feed?: (stdin: NodeJS.WritableStream) => void,
  ) {
    const child = spawn(process.execPath, [CLI, 'sign', ...args, ...SIGNING], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let sent = false;
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (!sent && ready(stdout)) {
        sent = true;
        child.kill('SIGINT');
      }
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.stdin.on('error', () => {});
    if (feed) feed(child.stdin);
    else child.stdin.end();
    // A run that ignores the signal is killed, so the test fails instead of hanging.
    const killer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    return new Promise<{
      status: number | null;
      signal: string | null;
      stdout: string;
      stderr: string;
    }>((resolve) =>
      child.once('close', (status, signal) => {
        clearTimeout(killer);
        resolve({ status, signal, stdout, stderr });
      }),
    );
  }

  it('stops a file batch after a whole line, says how many were signed, and exits 130', async () => {
    const run = await interrupt(['--urls-file', file('urls.txt')], (stdout) => stdout.length > 0);
    expect(run.signal, run.stderr).toBeNull();
    expect(run.status, run.stderr).toBe(130);
    expect(run.stdout.endsWith('\n')).toBe(true);
    const lines = run.stdout.slice(0, -1).split('\n');
    expect(lines.length).toBeLessThan(TOTAL);
    for (const [index, line] of lines.entries()) {
      expect(line).toMatch(
        new RegExp(
          `^${urlFor(index + 1).replace(/[.?]/g, '\\$&')}&Expires=\\d+&Signature=[\\w~-]+&Key-Pair-Id=K2JCJMDEHXQW5F`,
        ),
      );
    }
    const signed = lines.length.toLocaleString('en');
    expect(run.stderr).toMatch(
      new RegExp(
        `^signet: interrupted after line ${signed} of .*urls\\.txt: ${signed} URLs signed;`,
      ),
    );
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  }, 30_000);

  it('stops at once while standard input is still open, and exits 130', async () => {
    const run = await interrupt(
      ['--urls-file', '-'],
      (stdout) => stdout.split('\n').length > 2,
      (stdin) => stdin.write(`${urlFor(1)}\n${urlFor(2)}\n`),
    );
    expect(run.signal, run.stderr).toBeNull();
    expect(run.status, run.stderr).toBe(130);
    expect(run.stdout.split('\n')).toHaveLength(3);
    expect(run.stderr).toMatch(
      /^signet: interrupted after line 2 of standard input: 2 URLs signed;/,
    );
  }, 30_000);
});

describe('signing threads', () => {
  it('sign RSA byte for byte as one `signet sign --url` does, and ECDSA that verifies with the public key', async () => {
    const urls = Array.from({ length: 1_500 }, (_, i) => urlFor(i + 1));
    const rsa = [
      '--key-pair-id',
      'K1TESTKEY',
      '--private-key',
      vectorKey('keys/sep-test-rsa-key.pem'),
      '--date-less-than',
      '2030-01-01',
    ];
    const batch = await signet(['sign', '--urls-file', '-', ...rsa], { input: urls.join('\n') });
    expect(batch.status, batch.stderr).toBe(0);
    const lines = batch.stdout.trim().split('\n');
    expect(lines).toHaveLength(urls.length);
    for (const index of [0, 700, 1_499]) {
      const one = await signet(['sign', '--url', urls[index] as string, ...rsa]);
      expect(lines[index]).toBe(one.stdout);
    }

    const ecdsa = await signet(['sign', '--urls-file', '-', ...SIGNING], {
      input: urls.join('\n'),
    });
    expect(ecdsa.status, ecdsa.stderr).toBe(0);
    const publicKey = createPublicKey(
      readFileSync(vectorKey('keys/sep-test-ecdsa-key-public.pem')),
    );
    for (const [index, line] of ecdsa.stdout.trim().split('\n').entries()) {
      const signature = (/&Signature=([^&]+)/.exec(line)?.[1] ?? '')
        .replaceAll('-', '+')
        .replaceAll('_', '=')
        .replaceAll('~', '/');
      const policy = `{"Statement":[{"Resource":"${urls[index]}","Condition":{"DateLessThan":{"AWS:EpochTime":1893456000}}}]}`;
      if (!verify('sha256', Buffer.from(policy), publicKey, Buffer.from(signature, 'base64')))
        expect.fail(`line ${index + 1}: the ECDSA signature does not verify: ${line}`);
    }
  }, 60_000);

  it('report bad lines in every block in input order, and still sign the lines around them', async () => {
    const lines = Array.from({ length: 5_000 }, (_, i) =>
      (i + 1) % 250 === 0 ? `https://d111111abcdef8.cloudfront.net/bad ${i + 1}.ts` : urlFor(i + 1),
    );
    const run = await signet(['sign', '--urls-file', '-', ...SIGNING], { input: lines.join('\n') });
    expect(run.status).toBe(4);
    const reported = [...run.stderr.matchAll(/standard input line (\d+): The URL/g)].map((match) =>
      Number(match[1]),
    );
    expect(reported).toEqual(Array.from({ length: 20 }, (_, i) => (i + 1) * 250));
    const signed = run.stdout.trim().split('\n');
    expect(signed).toHaveLength(4_980);
    expect(signed.at(-1)).toMatch(new RegExp(`^${urlFor(4_999).replace(/[.?]/g, '\\$&')}&`));
  }, 30_000);

  it('refuse a line too long to be a URL by its number, even one with no line end at all', async () => {
    const long = `https://d111111abcdef8.cloudfront.net/${'a'.repeat(100_000)}`;
    const run = await signet(['sign', '--urls-file', '-', ...SIGNING], {
      input: `${urlFor(1)}\n${long}\n${urlFor(3)}\n${'b'.repeat(400_000)}`,
    });
    expect(run.status).toBe(4);
    expect(run.stdout.trim().split('\n')).toHaveLength(2);
    expect(run.stderr).toMatch(
      /standard input line 2: the line is 100,038 bytes long; CloudFront refuses URLs over 8,192 bytes/,
    );
    expect(run.stderr).toMatch(
      /standard input line 4: the line is 400,000 bytes long; CloudFront refuses URLs over 8,192 bytes/,
    );
    expect(run.stderr).toContain('2 of 4 URLs could not be signed');
  });

  it('report a failed signature as that line’s error and sign the others (status 4)', async () => {
    const run = await signet(['sign', '--urls-file', '-', ...SIGNING], {
      input: [1, 2, 3].map(urlFor).join('\n'),
      env: { SIGNET_DEBUG_FAULT: `sign@${urlFor(2)}` },
    });
    expect(run.status).toBe(4);
    expect(run.stdout.trim().split('\n')).toHaveLength(2);
    expect(run.stderr).toMatch(
      /^signet: standard input line 2: The signature could not be made: SIGNET_DEBUG_FAULT/m,
    );
  });

  it('stop the batch when a thread fails: the lines before its block are written, and the status is 70', async () => {
    const run = await signet(['sign', '--urls-file', file('urls.txt'), ...SIGNING], {
      env: { SIGNET_DEBUG_FAULT: 'crash@2000' },
      timeout: 60_000,
    });
    expect(run.status, run.stderr).toBe(70);
    const lines = run.stdout.split('\n');
    expect(lines.pop()).toBe('');
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.length).toBeLessThan(2_000);
    for (const [index, line] of lines.entries()) {
      if (!line.startsWith(`${urlFor(index + 1)}&Expires=`))
        expect.fail(`output line ${index + 1} is not input line ${index + 1}: ${line}`);
    }
    expect(run.stderr.trim()).toBe(
      `signet: internal error: a signing thread stopped: SIGNET_DEBUG_FAULT: this signing thread stops at line 2000; stopped after line ${lines.length.toLocaleString('en')} of ${file('urls.txt')}: ${lines.length.toLocaleString('en')} URLs signed; the lines after it were not signed (set SIGNET_DEBUG=1 for the stack trace)`,
    );
  }, 60_000);

  it('are not started for one URL: `signet sign --url` signs on the main thread', async () => {
    // A signing thread would fail on this line; the single-URL path never asks one.
    const run = await signet(['sign', '--url', urlFor(1), ...SIGNING], {
      env: { SIGNET_DEBUG_FAULT: 'crash@1' },
    });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/&Signature=/);
  });

  it('stop at once with status 141 when stdout closes early (as in `| head -1`)', async () => {
    const child = spawn(
      process.execPath,
      [CLI, 'sign', '--urls-file', file('urls.txt'), ...SIGNING],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.stdout.once('data', () => child.stdout.destroy());
    const killer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    const [status, signal] = await new Promise<[number | null, string | null]>((resolve) =>
      child.once('close', (code, name) => resolve([code, name])),
    );
    clearTimeout(killer);
    expect(signal, stderr).toBeNull();
    expect(status, stderr).toBe(141);
    expect(stderr).toBe('');
  }, 30_000);
});
