/**
 * Must-show 1 of issue 14: a real browser flow against a real `signet serve`. The app (a server
 * of this test, the cookie issuer) hands out CloudFront signed cookies for a folder (custom
 * policy, wildcard); the page, served from the unrestricted part of the site, then loads images
 * and an HLS playlist with its segments from the restricted folder. An expired cookie, a tampered
 * one, a cookie for another folder and a wrong viewer IP each get CloudFront's 403, and signet
 * serve's log line says why.
 *
 * Chromium's cookie rules, as this flow needs them: the issuer and signet serve are both
 * `localhost` on different ports, which is one site (ports do not count) and one cookie host
 * (cookies ignore ports), so host-only cookies (no Domain attribute: Chromium ignores
 * Domain=localhost) set by the issuer are sent to signet serve. `Secure` cookies are kept over
 * http://localhost, a secure context. The issuer answers the page's credentialed fetch with CORS
 * for the page's origin, and the default SameSite=Lax allows a same-site fetch.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { importPrivateKey, type SigningKey, signCookies } from '../../src/core/index.ts';
import {
  DOMAIN,
  KEY_PAIR_ID,
  PRIVATE_KEY,
  PUBLIC_KEY,
  type ServeProcess,
  startServe,
} from '../cli/serve-process.ts';

test.describe.configure({ mode: 'serial' });

const D = `https://${DOMAIN}`;
/** A 1×1 PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
const SEGMENTS = [1880, 3760, 940];

/** The page: asks the app for cookies, then loads the restricted media and reports each answer. */
const PAGE = `<!doctype html>
<meta charset="utf-8">
<title>Signet serve flow</title>
<script>
window.flow = async (issuer, scenario) => {
  const issued = await fetch(issuer + '/cookies?case=' + scenario, { credentials: 'include' });
  const images = await Promise.all(['photo.png', 'logo.png'].map((name) => new Promise((resolve) => {
    const img = new Image();
    img.onload = () => resolve({ name, loaded: true, width: img.naturalWidth });
    img.onerror = () => resolve({ name, loaded: false });
    img.src = '/media/' + name + '?s=' + scenario;
  })));
  const playlist = await fetch('/media/stream/index.m3u8?s=' + scenario);
  const text = await playlist.text();
  const segments = [];
  if (playlist.ok) {
    for (const line of text.split('\\n')) {
      if (line === '' || line.startsWith('#')) continue;
      const segment = await fetch(new URL(line, playlist.url));
      segments.push({ uri: line, status: segment.status, bytes: (await segment.arrayBuffer()).byteLength });
    }
    const ranged = await fetch(new URL(segments[0].uri, playlist.url), { headers: { Range: 'bytes=0-187' } });
    segments.push({ uri: 'range', status: ranged.status, bytes: (await ranged.arrayBuffer()).byteLength });
  }
  return { issued: issued.status, images, playlist: { status: playlist.status, type: playlist.headers.get('Content-Type'), text }, segments };
};
</script>`;

type Flow = {
  issued: number;
  images: { name: string; loaded: boolean; width?: number }[];
  playlist: { status: number; type: string | null; text: string };
  segments: { uri: string; status: number; bytes: number }[];
};

let site: string;
let server: ServeProcess;
let issuer: Server;
let issuerBase: string;
let key: SigningKey;

/** The cookies the app hands out for each scenario. */
async function cookiesFor(scenario: string): Promise<string[]> {
  const now = Math.floor(Date.now() / 1000);
  const base = {
    resource: `${D}/media/*`,
    keyPairId: KEY_PAIR_ID,
    privateKey: key,
    dateLessThan: now + 3600,
    cookieAttributes: { path: '/media/' },
  };
  switch (scenario) {
    case 'expired':
      return (await signCookies({ ...base, dateLessThan: now - 60, now: (now - 3600) * 1000 }))
        .setCookieHeaders as string[];
    case 'tampered': {
      const { cookies } = await signCookies(base);
      const signature = cookies['CloudFront-Signature'] as string;
      // One character of the signature changed, as a proxy or a careless copy might.
      const changed =
        signature.slice(0, 10) + (signature[10] === 'A' ? 'B' : 'A') + signature.slice(11);
      return [
        `CloudFront-Policy=${cookies['CloudFront-Policy']}; Path=/media/; Secure; HttpOnly`,
        `CloudFront-Signature=${changed}; Path=/media/; Secure; HttpOnly`,
        `CloudFront-Key-Pair-Id=${KEY_PAIR_ID}; Path=/media/; Secure; HttpOnly`,
      ];
    }
    case 'other-folder':
      // Sent everywhere (Path=/), but the policy covers another folder only.
      return [
        ...(
          await signCookies({ ...base, resource: `${D}/other/*`, cookieAttributes: { path: '/' } })
        ).setCookieHeaders,
      ];
    case 'wrong-ip':
      return [...(await signCookies({ ...base, ipAddress: '192.0.2.0/24' })).setCookieHeaders];
    default:
      return [...(await signCookies(base)).setCookieHeaders];
  }
}

test.beforeAll(async () => {
  key = await importPrivateKey(readFileSync(PRIVATE_KEY));
  site = mkdtempSync(join(tmpdir(), 'signet-serve-e2e-'));
  mkdirSync(join(site, 'media/stream'), { recursive: true });
  writeFileSync(join(site, 'index.html'), PAGE);
  writeFileSync(join(site, 'media/photo.png'), PNG);
  writeFileSync(join(site, 'media/logo.png'), PNG);
  const playlist = [
    '#EXTM3U',
    '#EXT-X-VERSION:3',
    '#EXT-X-TARGETDURATION:4',
    ...SEGMENTS.flatMap((_, i) => ['#EXTINF:4.0,', `seg-${i}.ts`]),
    '#EXT-X-ENDLIST',
    '',
  ].join('\n');
  writeFileSync(join(site, 'media/stream/index.m3u8'), playlist);
  SEGMENTS.forEach((bytes, i) => {
    // MPEG-TS packets: 188 bytes, each starting with the sync byte 0x47.
    const segment = Buffer.alloc(bytes, i + 1);
    for (let at = 0; at < bytes; at += 188) segment[at] = 0x47;
    writeFileSync(join(site, `media/stream/seg-${i}.ts`), segment);
  });
  server = await startServe([
    site,
    '--trusted-key',
    `${KEY_PAIR_ID}=${PUBLIC_KEY}`,
    '--domain',
    DOMAIN,
    '--path-pattern',
    '/media/*',
  ]);
  issuer = createServer(async (request, response) => {
    const scenario = new URL(request.url ?? '/', 'http://localhost').searchParams.get('case') ?? '';
    response.writeHead(204, {
      'Access-Control-Allow-Origin': server.base,
      'Access-Control-Allow-Credentials': 'true',
      'Set-Cookie': await cookiesFor(scenario),
    });
    response.end();
  });
  issuer.listen(0, 'localhost');
  await new Promise((resolve) => issuer.once('listening', resolve));
  issuerBase = `http://localhost:${(issuer.address() as AddressInfo).port}`;
});

test.afterAll(async () => {
  await server?.stop();
  issuer?.close();
  rmSync(site, { recursive: true, force: true });
});

async function runFlow(browser: import('@playwright/test').Browser, scenario: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const media: { url: string; status: number }[] = [];
  page.on('response', (response) => {
    if (response.url().includes('/media/'))
      media.push({ url: response.url(), status: response.status() });
  });
  await page.goto(`${server.base}/`);
  const flow = (await page.evaluate(
    ([base, name]) =>
      (window as unknown as { flow: (a: string, b: string) => Promise<unknown> }).flow(base, name),
    [issuerBase, scenario] as const,
  )) as Flow;
  const cookies = await context.cookies();
  await context.close();
  return { flow, media, cookies };
}

test('signed cookies for /media/* open its images, the HLS playlist and every segment', async ({
  browser,
}) => {
  const { flow, media, cookies } = await runFlow(browser, 'valid');
  expect(flow.issued).toBe(204);
  expect(
    cookies.map((cookie) => [cookie.name, cookie.path, cookie.secure, cookie.httpOnly]),
  ).toEqual(
    expect.arrayContaining([
      ['CloudFront-Policy', '/media/', true, true],
      ['CloudFront-Signature', '/media/', true, true],
      ['CloudFront-Key-Pair-Id', '/media/', true, true],
    ]),
  );
  expect(flow.images).toEqual([
    { name: 'photo.png', loaded: true, width: 1 },
    { name: 'logo.png', loaded: true, width: 1 },
  ]);
  expect(flow.playlist.status).toBe(200);
  expect(flow.playlist.type).toBe('application/vnd.apple.mpegurl');
  expect(flow.segments).toEqual([
    ...SEGMENTS.map((bytes, i) => ({ uri: `seg-${i}.ts`, status: 200, bytes })),
    { uri: 'range', status: 206, bytes: 188 },
  ]);
  // Every restricted request the browser made (images included) succeeded.
  expect(media.length).toBe(2 + 1 + SEGMENTS.length + 1);
  expect(media.filter((response) => response.status >= 400)).toEqual([]);
  await server.line(/ GET \/media\/stream\/seg-2\.ts 200 \(signed cookies\)$/);
  await server.line(/ GET \/media\/photo\.png\?s=valid 200 \(signed cookies\)$/);
});

const refusals: [string, RegExp][] = [
  ['expired', /403 AccessDenied: expired 1 minute ago at \d{4}-/],
  ['tampered', /403 AccessDenied: the signature does not match the policy/],
  [
    'other-folder',
    /403 AccessDenied: resource https:\/\/d111111abcdef8\.cloudfront\.net\/other\/\* does not match https:\/\/d111111abcdef8\.cloudfront\.net\/media\/stream\/index\.m3u8\?s=other-folder/,
  ],
  ['wrong-ip', /403 AccessDenied: viewer 127\.0\.0\.1 is outside 192\.0\.2\.0\/24/],
];

for (const [scenario, reason] of refusals) {
  test(`a cookie that is ${scenario} gets CloudFront's 403 and a log line that says why`, async ({
    browser,
  }) => {
    const { flow, media } = await runFlow(browser, scenario);
    expect(flow.issued).toBe(204);
    expect(flow.images.map((image) => image.loaded)).toEqual([false, false]);
    expect(flow.playlist.status).toBe(403);
    expect(flow.playlist.type).toBe('text/xml');
    expect(flow.playlist.text).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><Error><Code>AccessDenied</Code><Message>Access denied</Message></Error>',
    );
    expect(flow.segments).toEqual([]);
    expect(media.map((response) => response.status)).toEqual([403, 403, 403]);
    await server.line(
      new RegExp(`GET /media/stream/index\\.m3u8\\?s=${scenario} ${reason.source}`),
    );
  });
}
