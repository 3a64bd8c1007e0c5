// The signet command as people run it: a file of URLs signed end to end (process start, reading,
// signing, writing, exit), and one URL (process start to exit). Used by run.mjs.
import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const SIGNING = ['--key-pair-id', 'K2JCJMDEHXQW5F', '--date-less-than', '2030-01-01'];

/** Writes the bench's file of `count` URLs into `folder` and returns its path. */
export function writeUrlsFile(folder, count) {
  const file = join(folder, `urls-${count}.txt`);
  const lines = Array.from(
    { length: count },
    (_, i) =>
      `https://d111111abcdef8.cloudfront.net/videos/${i + 1}/segment-${i + 1}.ts?v=${i % 7}`,
  );
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

/** Runs `node cli args…` with stdout into `out`; resolves with the wall time in ms. */
function run(cli, args, out) {
  const fd = openSync(out, 'w');
  const started = performance.now();
  const child = spawn(process.execPath, [cli, ...args], { stdio: ['ignore', fd, 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (status) => {
      const ms = performance.now() - started;
      closeSync(fd);
      if (status !== 0) reject(new Error(`signet ${args.join(' ')} exited ${status}: ${stderr}`));
      else resolve(ms);
    });
  });
}

/** `signet sign --urls-file` over `lines` URLs: signed URLs per second, end to end. */
export async function cliBatch({ cli, keyFile, hash, urlsFile, lines, folder }) {
  const out = join(folder, 'cli-batch-out.txt');
  const ms = await run(
    cli,
    [
      'sign',
      '--urls-file',
      urlsFile,
      '--private-key',
      keyFile,
      '--hash-algorithm',
      hash,
      ...SIGNING,
    ],
    out,
  );
  // A run that printed less than it was given measured nothing.
  let written = 0;
  const output = readFileSync(out);
  for (let at = output.indexOf(10); at >= 0; at = output.indexOf(10, at + 1)) written++;
  if (written !== lines) throw new Error(`signet wrote ${written} lines for ${lines} URLs`);
  return lines / (ms / 1000);
}

/** `signet sign --url` for one URL: process start to exit, in ms. */
export function cliSingle({ cli, keyFile, hash, folder }) {
  return run(
    cli,
    [
      'sign',
      '--url',
      'https://d111111abcdef8.cloudfront.net/videos/intro.mp4',
      '--private-key',
      keyFile,
      '--hash-algorithm',
      hash,
      ...SIGNING,
    ],
    join(folder, 'cli-single-out.txt'),
  );
}
