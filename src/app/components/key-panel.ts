import { html, LitElement, nothing, type PropertyValues } from 'lit';
import type { SigningKey } from '../../core/index.ts';
import { readFileBytes } from '../lib/read-file.ts';
import { emit, type KeyState } from '../state.ts';
import { sharedStyles } from '../styles/shared.ts';
import { field } from './field.ts';
import './copy-button.ts';
import { downloadPublicKey } from './signed-output.ts';

/** What each import format is called in the file's own BEGIN line, so users recognise it. */
const FORMAT_ARMOUR: Record<SigningKey['format'], string> = {
  'PKCS#8': 'BEGIN PRIVATE KEY',
  'PKCS#1': 'BEGIN RSA PRIVATE KEY',
  SEC1: 'BEGIN EC PRIVATE KEY',
  'encrypted PKCS#8': 'BEGIN ENCRYPTED PRIVATE KEY',
};

/**
 * The private key: pick a file or paste PEM (dropping a file anywhere is handled by the page),
 * unlock an encrypted key, see what was loaded with its public key, and forget it.
 *
 * @fires key-input - a file's bytes or pasted text to import
 * @fires key-passphrase - the passphrase for the locked key
 * @fires key-forget - drop the key from memory
 */
export class KeyPanel extends LitElement {
  static override properties = {
    keyState: { attribute: false },
    pasted: { state: true },
    passphrase: { state: true },
  };
  static override styles = sharedStyles;

  declare keyState: KeyState;
  declare pasted: string;
  declare passphrase: string;

  constructor() {
    super();
    this.keyState = { busy: false };
    this.pasted = '';
    this.passphrase = '';
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // Once a key is in, its pasted text and passphrase have no reason to stay in the page.
    if (changed.has('keyState') && this.keyState.signingKey) {
      this.pasted = '';
      this.passphrase = '';
    }
    if (changed.has('keyState') && !this.keyState.lockedName) this.passphrase = '';
  }

  #pickFile(): void {
    this.renderRoot.querySelector<HTMLInputElement>('#key-file')?.click();
  }

  async #filePicked(event: Event): Promise<void> {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    // Cleared so that picking the same file again still fires change.
    input.value = '';
    if (file) emit(this, 'key-input', { input: await readFileBytes(file), name: file.name });
  }

  #paste(text: string): void {
    this.pasted = text;
    if (text.trim()) emit(this, 'key-input', { input: text, name: 'pasted PEM' });
  }

  #unlock(event: Event): void {
    event.preventDefault();
    emit(this, 'key-passphrase', this.passphrase);
  }

  #forget(): void {
    this.pasted = '';
    this.passphrase = '';
    emit(this, 'key-forget', undefined);
  }

  override render() {
    const { signingKey, lockedName, problem, busy } = this.keyState;
    return html`
      <h2 id="key-heading">Private key</h2>
      ${signingKey ? this.#renderLoaded(signingKey) : lockedName ? this.#renderLocked(lockedName) : this.#renderEmpty()}
      ${
        problem && !lockedName && signingKey
          ? html`<p class="error" role="alert">The new key was not loaded: ${problem.message}</p>`
          : nothing
      }
      ${busy ? html`<p class="hint" role="status">Reading the key…</p>` : nothing}
    `;
  }

  #renderEmpty() {
    const problem = this.keyState.problem;
    return html`
      <div class="drop">
        <p>
          Drop your private key file anywhere on this page, or choose it.
        </p>
        <div class="row">
          <button type="button" class="primary" @click=${this.#pickFile}>Choose key file…</button>
          <span class="hint">PEM or DER: PKCS#8, PKCS#1 (RSA), SEC1 (EC), encrypted PKCS#8.</span>
        </div>
        <input
          id="key-file"
          type="file"
          hidden
          accept=".pem,.key,.der,.txt,application/x-pem-file"
          @change=${this.#filePicked}
        />
      </div>
      ${field({
        id: 'key-pem',
        label: 'Or paste the private key (PEM)',
        value: this.pasted,
        rows: 4,
        placeholder: '-----BEGIN PRIVATE KEY-----',
        error: problem?.message,
        onInput: (text) => this.#paste(text),
      })}
      <p class="hint">
        No key yet? <strong>Set up CloudFront</strong> below creates a key pair here.
      </p>
    `;
  }

  #renderLocked(name: string) {
    const problem = this.keyState.problem;
    const wrong = problem?.code === 'ERR_KEY_PASSPHRASE_WRONG' ? problem.message : undefined;
    const other = problem && !wrong ? problem.message : undefined;
    return html`
      <p>
        <strong>${name}</strong> is an encrypted private key (BEGIN ENCRYPTED PRIVATE KEY). Enter
        its passphrase to unlock it.
      </p>
      <form class="unlock" @submit=${this.#unlock}>
        ${field({
          id: 'passphrase',
          label: 'Passphrase',
          type: 'password',
          value: this.passphrase,
          error: wrong ?? other,
          autocomplete: 'off',
          onInput: (value) => {
            this.passphrase = value;
          },
        })}
        <div class="row">
          <button type="submit" class="primary" ?disabled=${this.keyState.busy}>Unlock key</button>
          <button type="button" @click=${this.#forget}>Forget key</button>
        </div>
      </form>
    `;
  }

  #renderLoaded(key: SigningKey) {
    const { origin } = this.keyState;
    const publicPem = key.publicKey.pem;
    return html`
      <p class="notice good" role="status">
        Key loaded${origin ? html` from <strong>${origin}</strong>` : nothing}.
      </p>
      <dl>
        <dt>Type</dt>
        <dd id="key-type">${key.description}</dd>
        <dt>Format</dt>
        <dd id="key-format">${key.format} (${FORMAT_ARMOUR[key.format]})</dd>
        <dt>Fingerprint</dt>
        <dd class="mono" id="key-fingerprint">${key.publicKey.fingerprint}</dd>
      </dl>
      ${
        key.warnings.length
          ? html`<ul class="notice warn plain">
            ${key.warnings.map((warning) => html`<li>${warning.message}</li>`)}
          </ul>`
          : nothing
      }
      <div class="row">
        <signet-copy-button .text=${publicPem} what="public key"></signet-copy-button>
        ${downloadPublicKey(publicPem)}
        <button type="button" @click=${this.#forget}>Forget key</button>
      </div>
      <details>
        <summary>Public key (BEGIN PUBLIC KEY), to upload to CloudFront</summary>
        <pre class="value" id="public-key">${publicPem}</pre>
      </details>
    `;
  }
}

customElements.define('signet-key-panel', KeyPanel);

declare global {
  interface HTMLElementTagNameMap {
    'signet-key-panel': KeyPanel;
  }
}
