import { html, nothing } from 'lit/html.js';
import type { SigningKey } from '../../core/index.ts';
import { type PropertyValues, SignetElement } from '../lib/element.ts';
import { readFileBytes } from '../lib/read-file.ts';
import { emit, type KeyState } from '../state.ts';
import { sharedStyles } from '../styles/shared.ts';
import { field } from './field.ts';
import { keyBarStyles } from './key-bar.styles.ts';
import './copy-button.ts';
import { downloadPublicKey, warningList } from './signed-output.ts';

/**
 * The private key as one bar above every view: a way to load one (pick, paste; dropping a file
 * anywhere is the page's), a passphrase for an encrypted one, and once loaded a single line with
 * its type, format and fingerprint, the public key on demand, and Forget.
 *
 * @fires key-input - a file's bytes or pasted text to import
 * @fires key-passphrase - the passphrase for the locked key
 * @fires key-forget - drop the key from memory
 * @fires view-request - 'setup', from the "No key yet?" link
 */
export class KeyBar extends SignetElement {
  static override properties = { keyState: { busy: false }, pasted: '', passphrase: '' };
  static override styles = [sharedStyles, keyBarStyles];

  declare keyState: KeyState;
  declare pasted: string;
  declare passphrase: string;

  protected override willUpdate(changed: PropertyValues<this>): void {
    // Once a key is in, its pasted text and passphrase have no reason to stay in the page.
    if (changed.has('keyState') && this.keyState.signingKey) {
      this.pasted = '';
      this.passphrase = '';
    }
    if (changed.has('keyState') && !this.keyState.lockedName) this.passphrase = '';
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

  #forget(): void {
    this.pasted = '';
    this.passphrase = '';
    emit(this, 'key-forget', undefined);
  }

  override render() {
    const { signingKey, lockedName, problem, busy, replaced } = this.keyState;
    return html`
      <h2 class="visually-hidden">Private key</h2>
      ${signingKey ? this.#renderLoaded(signingKey) : lockedName ? this.#renderLocked(lockedName) : this.#renderEmpty()}
      ${
        problem && !lockedName && signingKey
          ? html`<p class="alert bad" role="alert">
            <strong>The new key was not loaded.</strong> ${problem.message}
          </p>`
          : nothing
      }
      ${
        signingKey && replaced
          ? html`<p class="alert" role="status" id="key-replaced">
            <strong>Key replaced.</strong> The one before, ${replaced.description}
            <span class="mono">${replaced.publicKey.fingerprint}</span>, is no longer used.
          </p>`
          : nothing
      }
      ${busy ? html`<p class="hint" role="status">Reading the key…</p>` : nothing}
    `;
  }

  #renderEmpty() {
    return html`
      <div class="row">
        <button
          type="button"
          class="primary"
          @click=${() => this.renderRoot.querySelector<HTMLInputElement>('#key-file')?.click()}
        >
          Choose key file…
        </button>
        ${field({
          id: 'key-pem',
          label: 'Or paste the private key (PEM)',
          value: this.pasted,
          rows: 1,
          placeholder: '-----BEGIN PRIVATE KEY-----',
          error: this.keyState.problem?.message,
          onInput: (text) => this.#paste(text),
        })}
      </div>
      <p class="hint">
        Or drop the key file anywhere on this page. PEM or DER: PKCS#8, PKCS#1 (RSA), SEC1 (EC),
        encrypted PKCS#8. It stays in this tab. No key yet?
        <button type="button" class="link" @click=${() => emit(this, 'view-request', 'setup')}>
          Set up CloudFront
        </button>
        creates a key pair here.
      </p>
      <input
        id="key-file"
        type="file"
        hidden
        accept=".pem,.key,.der,.txt,application/x-pem-file"
        @change=${this.#filePicked}
      />
    `;
  }

  #renderLocked(name: string) {
    const problem = this.keyState.problem;
    return html`
      <form
        class="row"
        @submit=${(event: Event) => {
          event.preventDefault();
          emit(this, 'key-passphrase', this.passphrase);
        }}
      >
        <span><strong>${name}</strong> is encrypted (BEGIN ENCRYPTED PRIVATE KEY).</span>
        ${field({
          id: 'passphrase',
          label: 'Passphrase',
          type: 'password',
          value: this.passphrase,
          error: problem?.message,
          autocomplete: 'off',
          onInput: (value) => {
            this.passphrase = value;
          },
        })}
        <button type="submit" class="primary" ?disabled=${this.keyState.busy}>Unlock key</button>
        <button type="button" @click=${this.#forget}>Forget key</button>
      </form>
    `;
  }

  #renderLoaded(key: SigningKey) {
    const publicPem = key.publicKey.pem;
    return html`
      <div class="row">
        <span class="label">Private key</span>
        <span class="badge" id="key-type">${key.description}</span>
        <span id="key-format">${key.format}</span>
        <span class="hint">from ${this.keyState.origin}</span>
        <span class="mono" id="key-fingerprint" title=${key.publicKey.fingerprint}
          >${key.publicKey.fingerprint}</span
        >
        <span class="row end">
          <button type="button" popovertarget="public-key-pop">Public key</button>
          <div id="public-key-pop" popover>
            <p class="hint">The public key (BEGIN PUBLIC KEY), to upload to CloudFront.</p>
            <pre class="value" id="public-key">${publicPem}</pre>
            <p class="row">
              <signet-copy-button .text=${publicPem} .what=${'public key'}></signet-copy-button>
              ${downloadPublicKey(publicPem)}
            </p>
          </div>
          <button type="button" @click=${this.#forget}>Forget key</button>
        </span>
      </div>
      ${warningList(key.warnings)}
    `;
  }
}

customElements.define('signet-key-bar', KeyBar);

declare global {
  interface HTMLElementTagNameMap {
    'signet-key-bar': KeyBar;
  }
}
