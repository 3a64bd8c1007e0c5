import { html, nothing, type PropertyValues } from 'lit';
import {
  type EncodedUrl,
  encodeUrlForSigning,
  type SignedUrl,
  type SigningKey,
  type SigningOptions,
  signUrl,
} from '../../core/index.ts';
import { messageFor } from '../lib/problem.ts';
import './conditions-fields.ts';
import { field } from './field.ts';
import { outputBlock, policySummary } from './signed-output.ts';
import { SigningForm } from './signing-form.ts';

/**
 * Sign a URL: the URL, an optional policy resource, and the shared conditions. The signed URL is
 * remade on every change; a URL that needs encoding gets the exact encoded string offered.
 */
export class SignUrlView extends SigningForm<SignedUrl> {
  static override properties = {
    url: { state: true },
    policyResource: { state: true },
  };

  declare url: string;
  declare policyResource: string;
  protected readonly inputs = ['url', 'policyResource'];
  protected readonly fields = ['url', 'policyResource'];

  constructor() {
    super();
    this.url = '';
    this.policyResource = '';
  }

  /** The key whose first signed URL was marked for the bench ('signet:url-signed'). */
  #markedFor: SigningKey | undefined;

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('signed') && this.signed && this.signedWith !== this.#markedFor) {
      this.#markedFor = this.signedWith;
      performance.mark('signet:url-signed');
    }
  }

  protected prompt(): string {
    return this.url.trim() ? '' : 'Type the URL to sign.';
  }

  protected sign(options: SigningOptions): Promise<SignedUrl> {
    const policyResource = this.policyResource.trim();
    return signUrl({ ...options, url: this.url, ...(policyResource ? { policyResource } : {}) });
  }

  override render() {
    const { problem } = this;
    const encoded = offerEncoding(this.url);
    return html`
      <h2>Sign a URL</h2>
      ${field({
        id: 'url',
        label: 'URL to sign',
        value: this.url,
        hint: 'The full URL as viewers will request it, with its own query string if any.',
        placeholder: 'https://d111111abcdef8.cloudfront.net/videos/intro.mp4',
        error: messageFor(problem, 'url'),
        inputmode: 'url',
        onInput: (url) => {
          this.url = url;
        },
      })}
      ${encoded ? this.#renderEncodingOffer(encoded) : nothing}
      ${field({
        id: 'policy-resource',
        label: 'Policy resource (optional, wildcards * and ?)',
        value: this.policyResource,
        hint: 'To let one signature cover more than this URL, e.g. https://d111111abcdef8.cloudfront.net/videos/*. Makes the policy custom.',
        error: messageFor(problem, 'policyResource'),
        onInput: (value) => {
          this.policyResource = value;
        },
      })}
      ${this.conditionsFields()}
      <h2>Result</h2>
      ${this.status('sign-status') ?? this.#renderResult(this.signed as SignedUrl)}
    `;
  }

  #renderEncodingOffer(encoded: EncodedUrl) {
    return html`<div class="notice warn" id="encoding-offer">
      <p>
        Browsers will send this URL differently from how it is typed (${encoded.changes.join('; ')}).
        Sign exactly the string that goes over the wire:
      </p>
      <pre class="value" id="encoded-url">${encoded.url}</pre>
      <p>
        <button
          type="button"
          @click=${() => {
            this.url = encoded.url;
          }}
        >
          Sign the encoded URL
        </button>
      </p>
    </div>`;
  }

  #renderResult(signed: SignedUrl) {
    return html`
      <p class="visually-hidden" role="status">Signed URL ready (${signed.policyType} policy).</p>
      ${outputBlock({
        id: 'signed-url',
        title: 'Signed URL',
        value: signed.url,
        what: 'signed URL',
        extra: html`<a class="button" href=${signed.url} target="_blank" rel="noopener noreferrer"
          >Open in a new tab</a
        >`,
      })}
      ${policySummary(signed, 'url')}
    `;
  }
}

/** The encoded form when the typed URL would not go over the wire as typed; else undefined. */
function offerEncoding(url: string): EncodedUrl | undefined {
  if (!url.trim()) return undefined;
  try {
    const encoded = encodeUrlForSigning(url);
    return encoded.changed ? encoded : undefined;
  } catch {
    // Not a URL at all: the signing error next to the field says so.
    return undefined;
  }
}

customElements.define('signet-sign-url-view', SignUrlView);

declare global {
  interface HTMLElementTagNameMap {
    'signet-sign-url-view': SignUrlView;
  }
}
