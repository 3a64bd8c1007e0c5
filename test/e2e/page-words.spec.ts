import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import {
  DISTRIBUTION,
  KEY_PAIR_ID,
  moreConditions,
  openView,
  pasteKey,
  visiblePanel,
} from './helpers.ts';
import { keyText } from './keys.ts';
import { expect, test } from './page.ts';

/**
 * Issue 13, defect 3: the page speaks its own words. Every view is given a run of bad values in
 * every field, every key fixture is pasted into the key bar, and every message shown (errors,
 * alerts, hints, statuses, verdicts, the decoded view) is scanned for what only a programmer
 * would write: call names, option names in camelCase, JavaScript types.
 */
const FORBIDDEN = [
  /\b[A-Za-z_$][\w$]*\(\)/, // a call: importPrivateKey()
  /\b[a-z]+[A-Z][A-Za-z]*\b/, // an option name: dateLessThan, publicKey
  /\b(?:Date|Uint8Array|ArrayBuffer|BufferSource|CryptoKey|BigInt|Promise|undefined|null|NaN|TypeError|RangeError|SyntaxError|SignetError|DOMException)\b/,
  /\b(?:a|an) (?:string|number|boolean|object|array|function)\b/,
  /does not hold DER/,
];

const VALUES = [
  'x',
  'not a url',
  'https://',
  'ftp://d111111abcdef8.cloudfront.net/a.jpg',
  `${DISTRIBUTION}/a b.jpg`,
  `${DISTRIBUTION}/ü.jpg`,
  `${DISTRIBUTION}/a.jpg#top`,
  `${DISTRIBUTION}/report*.pdf`,
  `${DISTRIBUTION}/a/../b.jpg`,
  'https://d111111abcdef8.cloudfront.net:443/a.jpg',
  `${DISTRIBUTION}/a.jpg?Expires=1&Signature=AAAA&Key-Pair-Id=${KEY_PAIR_ID}`,
  'https://other.example.com/*',
  '99999999999999',
  '-1',
  '::1',
  '10.0.0.0/33',
  '<b>bold</b>',
  'a'.repeat(9000),
  'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee',
  'cloudfront.net',
  'd111111abcdef8.cloudfront.net',
  '/a b',
  'CloudFront-Policy=x; CloudFront-Signature=y',
  '{"CloudFront-Policy":"x"}',
];

const TIMES = ['9999-12-31T23:59', '275760-09-13T00:00', '1969-06-01T00:00', '2020-01-01T00:00'];

/** The text of every message-like element in the page, through every shadow root. */
function messages(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const selector =
      '.error, .alert, .hint, [role="status"], [role="alert"], #verdict, dd, td, summary, #refused';
    const visit = (root: Document | ShadowRoot) => {
      for (const element of root.querySelectorAll(selector)) {
        // Values shown as values (a signature, a URL, a policy) are not messages.
        const prose = element.cloneNode(true) as Element;
        for (const value of prose.querySelectorAll('.mono, pre, code')) value.remove();
        if (element.matches('.mono')) continue;
        const text = prose.textContent?.replace(/\s+/g, ' ').trim();
        if (text && (element as HTMLElement).checkVisibility()) found.push(text);
      }
      for (const host of root.querySelectorAll('*')) if (host.shadowRoot) visit(host.shadowRoot);
    };
    visit(document);
    return found;
  });
}

/** Fills `field` with each of `values` and returns every message that breaks a rule. */
async function scan(page: Page, field: Locator, values: readonly string[], where: string) {
  const bad: string[] = [];
  for (const value of values) {
    if (await field.isVisible()) await field.fill(value);
    // Signing and checking are asynchronous: let them finish before reading.
    await page.waitForTimeout(60);
    for (const text of await messages(page)) {
      if (FORBIDDEN.some((rule) => rule.test(text)))
        bad.push(`${where} = ${value.slice(0, 40)}: ${text}`);
    }
  }
  if (await field.isVisible()) await field.fill('');
  return bad;
}

test('no message any view shows names a library call, an option or a JavaScript type', async ({
  signet,
}) => {
  test.setTimeout(240_000);
  const bad: string[] = [];

  // The key bar: every key fixture, pasted, and bad text.
  const fixtures = resolve(import.meta.dirname, '../fixtures/keys');
  const keyTexts = readdirSync(fixtures)
    .filter((name) => !name.endsWith('.md') && !name.endsWith('.sh'))
    .map((name) => readFileSync(resolve(fixtures, name), 'latin1'));
  const forget = signet.getByRole('button', { name: 'Forget key' });
  for (const text of [...keyTexts, 'x', 'MIIB']) {
    bad.push(
      ...(await scan(signet, signet.getByLabel('Or paste the private key (PEM)'), [text], 'key')),
    );
    // A fixture that loads (or asks for its passphrase) is forgotten before the next one.
    if (await forget.isVisible()) await forget.click();
  }
  await pasteKey(signet);

  // Sign a URL: every field, then every time.
  let panel = visiblePanel(signet);
  await panel.getByLabel('Key pair ID', { exact: true }).fill(KEY_PAIR_ID);
  await panel.getByLabel('URL to sign').fill(`${DISTRIBUTION}/a.jpg`);
  await moreConditions(panel);
  for (const label of [
    'URL to sign',
    'Policy resource (optional, wildcards * and ?)',
    'Key pair ID',
    'Viewer IP range (IpAddress, optional)',
  ]) {
    const field = panel.getByLabel(label, { exact: true });
    const before = await field.inputValue();
    bad.push(...(await scan(signet, field, VALUES, `sign ${label}`)));
    if (await field.isVisible()) await field.fill(before);
  }
  bad.push(
    ...(await scan(
      signet,
      panel.getByLabel('Starts (DateGreaterThan, optional, your local time)'),
      TIMES,
      'start',
    )),
  );
  await panel
    .getByLabel('Exact time')
    .check({ timeout: 2000 })
    .catch(() => {});
  bad.push(
    ...(await scan(
      signet,
      panel.getByLabel('Expiry date and time (your local time)'),
      TIMES,
      'expiry',
    )),
  );
  await panel.getByLabel('1 hour').check();

  // Signed cookies.
  await openView(signet, 'Signed cookies');
  panel = visiblePanel(signet);
  await panel.getByLabel('Resource the cookies unlock').fill(`${DISTRIBUTION}/videos/*`);
  for (const label of [
    'Resource the cookies unlock',
    'Domain (optional)',
    'Path (optional)',
    'URL for the curl test (optional)',
  ]) {
    bad.push(...(await scan(signet, panel.getByLabel(label), VALUES, `cookies ${label}`)));
    await panel.getByLabel('Resource the cookies unlock').fill(`${DISTRIBUTION}/videos/*`);
  }
  await panel.getByLabel('Secure').uncheck();
  await panel.getByLabel('SameSite').selectOption('None');
  bad.push(
    ...(await scan(signet, panel.getByLabel('Domain (optional)'), ['x'], 'cookies SameSite')),
  );

  // Inspect a link: a URL, then cookies.
  await openView(signet, 'Inspect a link');
  panel = visiblePanel(signet);
  for (const label of [
    'Signed URL',
    'Viewer IP address (optional)',
    'Public key (BEGIN PUBLIC KEY, optional)',
    'Key pair ID that CloudFront trusts for this key (optional)',
  ]) {
    await panel
      .getByLabel('Signed URL', { exact: true })
      .fill(`${DISTRIBUTION}/a.jpg?Expires=2000000000&Signature=AAAA&Key-Pair-Id=${KEY_PAIR_ID}`);
    bad.push(
      ...(await scan(
        signet,
        panel.getByLabel(label, { exact: true }),
        [...VALUES, keyText('rsa-2048-public.pem')],
        `inspect ${label}`,
      )),
    );
  }
  bad.push(
    ...(await scan(
      signet,
      panel.getByLabel('Check at (your local time; empty means now)'),
      TIMES,
      'inspect at',
    )),
  );
  await panel.getByLabel('Signed cookies', { exact: true }).check();
  await panel
    .getByLabel('Request URL (the URL the cookies are sent with)')
    .fill(`${DISTRIBUTION}/a.jpg`);
  bad.push(
    ...(await scan(
      signet,
      panel.getByLabel('Cookies', { exact: true }),
      VALUES,
      'inspect cookies',
    )),
  );

  // Batch: every value as a line of one list.
  await openView(signet, 'Batch');
  panel = visiblePanel(signet);
  await panel.getByLabel('URLs to sign').fill(VALUES.join('\n'));
  await panel.getByRole('button', { name: /^Sign \d+ URLs$/ }).click();
  await expect(panel.locator('#batch-summary')).toBeVisible();
  bad.push(
    ...(await scan(
      signet,
      panel.getByLabel('Key pair ID', { exact: true }),
      [KEY_PAIR_ID],
      'batch',
    )),
  );

  expect(bad).toEqual([]);
});
