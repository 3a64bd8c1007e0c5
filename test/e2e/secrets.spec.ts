import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import {
  DISTRIBUTION,
  KEY_PAIR_ID,
  moreConditions,
  openView,
  pasteInto,
  pasteKey,
  visiblePanel,
} from './helpers.ts';
import { keyBytes, keyText } from './keys.ts';
import { dropFile, expect, storedEverywhere, test } from './page.ts';

/**
 * Issue 12 on the page: a private key pasted or dropped where it does not belong never reaches
 * storage, the DOM outside the key field, or a download (must-show 1, findings 1 and 9).
 */

const VIEWS = ['Sign a URL', 'Signed cookies', 'Inspect a link', 'Batch', 'Set up CloudFront'];

/** A fresh RSA and EC key as PEM, base64 without armour, and DER read as text. */
function secrets() {
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const forms: { name: string; text: string; body: string; publicBody: string }[] = [];
  for (const [type, pair] of [
    ['RSA', rsa],
    ['EC', ec],
  ] as const) {
    const pem = pair.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    const body = pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, '');
    const der = (pair.privateKey.export({ type: 'pkcs8', format: 'der' }) as Buffer).toString(
      'latin1',
    );
    const publicBody = (pair.publicKey.export({ type: 'spki', format: 'pem' }) as string)
      .replace(/-----[^-]+-----/g, '')
      .replace(/\s+/g, '');
    forms.push({ name: `${type} PEM`, text: pem, body, publicBody });
    forms.push({ name: `${type} base64 without armour`, text: body, body, publicBody });
    forms.push({
      name: `${type} base64 in lines`,
      text: body.replace(/.{64}/g, '$&\n'),
      body,
      publicBody,
    });
    forms.push({ name: `${type} DER as text`, text: der, body: der, publicBody });
  }
  return forms;
}

/** Every 16-character run of `secret` that is not also a run of its (public) public key. */
function runsOf(secret: string, publicBody: string): Set<string> {
  const runs = new Set<string>();
  for (let i = 0; i + 16 <= secret.length; i++) runs.add(secret.slice(i, i + 16));
  for (let i = 0; i + 16 <= publicBody.length; i++) runs.delete(publicBody.slice(i, i + 16));
  return runs;
}

function leaks(haystack: string, runs: Set<string>): string[] {
  const found: string[] = [];
  for (let i = 0; i + 16 <= haystack.length; i++) {
    const run = haystack.slice(i, i + 16);
    if (runs.has(run)) found.push(run);
  }
  return found;
}

/**
 * The whole DOM as text, through every shadow root: text, attributes and the values of fields,
 * except the private key's own box (where a key belongs until it is loaded).
 */
function domText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const parts: string[] = [];
    const visit = (root: Document | ShadowRoot) => {
      for (const element of root.querySelectorAll('*')) {
        if (element.id === 'key-pem') continue;
        for (const attribute of element.attributes) parts.push(attribute.value);
        if (element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement)
          parts.push(element.value);
        for (const node of element.childNodes)
          if (node.nodeType === 3) parts.push(node.nodeValue ?? '');
        if (element.shadowRoot) visit(element.shadowRoot);
      }
    };
    visit(document);
    return parts.join('\n');
  });
}

/** The ids of the text fields in the visible view, the key box and passphrase left out. */
function textFields(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const ids: string[] = [];
    const visit = (root: Document | ShadowRoot) => {
      for (const element of root.querySelectorAll('input, textarea')) {
        const field = element as HTMLInputElement;
        const text = field instanceof HTMLTextAreaElement || /^(text|password)$/.test(field.type);
        if (text && field.checkVisibility() && !['key-pem', 'passphrase'].includes(field.id))
          ids.push(field.id);
      }
      for (const host of root.querySelectorAll('*')) if (host.shadowRoot) visit(host.shadowRoot);
    };
    visit(document);
    return ids;
  });
}

test('a private key pasted, dragged or dropped into every field of every view never reaches storage, the DOM outside the key box, or a download', async ({
  signet,
}) => {
  test.setTimeout(240_000);
  const forms = secrets();
  const downloads: string[] = [];
  signet.on('download', async (download) =>
    downloads.push(readFileSync(await download.path(), 'latin1')),
  );
  await pasteKey(signet);
  // Something to drag the PEM from, as text, the way a user drags it from an editor.
  await signet.evaluate((pem) => {
    const source = document.createElement('div');
    source.id = 'drag-source';
    source.draggable = true;
    source.textContent = 'private_key.pem';
    source.addEventListener('dragstart', (event) => event.dataTransfer?.setData('text/plain', pem));
    document.body.prepend(source);
  }, forms[0]?.text ?? '');
  let fieldCount = 0;
  for (const view of VIEWS) {
    await openView(signet, view);
    const panel = visiblePanel(signet);
    await moreConditions(panel);
    for (const source of view === 'Inspect a link' ? ['A signed URL', 'Signed cookies'] : ['']) {
      if (source) await panel.getByLabel(source, { exact: true }).check();
      for (const id of await textFields(signet)) {
        fieldCount++;
        const field = panel.locator(`#${id}`);
        for (const form of forms) {
          await pasteInto(signet, field, form.text);
          const value = await field.inputValue();
          expect(value.includes(form.text.slice(40, 80)), `${view} #${id} ${form.name}`).toBe(
            false,
          );
        }
        // Dragged as text from elsewhere: refused before the field takes it.
        await signet.locator('#drag-source').dragTo(field);
        expect(await field.inputValue(), `${view} #${id} dragged`).not.toContain('PRIVATE KEY');
        // Dropped as a file: it goes to the key (or is refused by the batch list), never here.
        const pem = forms[0]?.text ?? '';
        await dropFile(
          signet,
          { name: 'private_key.pem', bytes: pem },
          `[role="tabpanel"]:visible #${id}`,
        );
        await expect(signet.locator('#key-fingerprint')).toBeVisible();
      }
    }
  }
  expect(fieldCount, 'text fields tried').toBeGreaterThanOrEqual(18);

  // Downloads: the batch CSV of a list with a good line, and the public key.
  await openView(signet, 'Batch');
  const batch = visiblePanel(signet);
  await batch.getByLabel('Key pair ID', { exact: true }).fill(KEY_PAIR_ID);
  await batch.getByLabel('URLs to sign').fill(`${DISTRIBUTION}/a.jpg\nnot a url`);
  await batch.getByRole('button', { name: 'Sign 2 URLs' }).click();
  await batch.getByRole('button', { name: 'Download CSV' }).click();
  await expect.poll(() => downloads.length).toBe(1);

  const stored = await storedEverywhere(signet);
  const dom = await domText(signet);
  for (const form of forms) {
    const runs = runsOf(form.body, form.publicBody);
    expect(leaks(stored, runs), `${form.name} in storage`).toEqual([]);
    expect(leaks(dom, runs), `${form.name} in the DOM`).toEqual([]);
    for (const file of downloads)
      expect(leaks(file, runs), `${form.name} in a download`).toEqual([]);
  }
});

test('finding 1: a private key pasted or typed into Key pair ID is never remembered, and what an older page stored is wiped', async ({
  signet,
}) => {
  const pem = keyText('rsa-2048-pkcs8.pem');
  const field = signet.getByLabel('Key pair ID', { exact: true }).first();
  await pasteInto(signet, field, pem);
  await expect(signet.locator('#refused')).toContainText('looks like a PEM private key');
  await expect(field).toHaveValue('');
  await field.fill(pem);
  await expect(field).toHaveValue('');
  expect(await signet.evaluate(() => localStorage.getItem('signet.keyPairId'))).toBeNull();
  await field.fill('K2JC JMDE');
  expect(await signet.evaluate(() => localStorage.getItem('signet.keyPairId'))).toBeNull();

  await signet.evaluate((text) => localStorage.setItem('signet.keyPairId', text), pem);
  await signet.reload();
  await expect(signet.getByLabel('Key pair ID', { exact: true }).first()).toHaveValue('');
  expect(await signet.evaluate(() => localStorage.getItem('signet.keyPairId'))).toBeNull();
});

test('finding 9: a key file or a binary file given as the batch list is refused whole, before any line is shown', async ({
  signet,
}) => {
  await openView(signet, 'Batch');
  const panel = visiblePanel(signet);
  const list = panel.getByLabel('URLs to sign');
  for (const [name, kind] of [
    ['rsa-2048-pkcs8.pem', 'PEM private key'],
    ['rsa-2048-pkcs8.der', 'DER'],
    ['random.bin', 'binary data'],
  ] as const) {
    await dropFile(signet, { name, bytes: keyBytes(name as 'rsa-2048-pkcs8.pem') }, '#batch-list');
    await expect(panel.locator('#batch-list-error')).toContainText(`${name} is not a list of URLs`);
    await expect(panel.locator('#batch-list-error')).toContainText(kind);
    await expect(list).toHaveValue('');
    await expect(panel.locator('#batch-count')).toHaveText('0 URLs');
  }
  // No key was loaded from the list either: the drop belonged to the list.
  await expect(signet.locator('#key-fingerprint')).toHaveCount(0);
  await pasteInto(signet, list, keyText('p256-pkcs8.pem'));
  await expect(signet.locator('#refused')).toContainText('looks like a PEM private key');
  await expect(list).toHaveValue('');
});
