import { html, nothing } from 'lit/html.js';
import {
  type EncodedUrl,
  type SignedUrl,
  type SigningKey,
  type SigningOptions,
  signUrl,
} from '../../core/index.ts';
import type { PropertyValues } from '../lib/element.ts';
import { encodedForm } from '../lib/encoded-form.ts';
import { messageFor } from '../lib/problem.ts';
import './conditions-fields.ts';
import type { SignRequest } from '../state.ts';
import { field } from './field.ts';
import {
  colouredUrl,
  outputBlock,
  partsLegend,
  policyDetails,
  resultStatus,
} from './signed-output.ts';
import { SigningForm } from './signing-form.ts';

/**
 * Sign a URL: the URL, an optional policy resource, and the shared conditions. The signed URL is
 * remade on every change and shown in coloured parts with their meaning; a URL that a browser
 * would send differently gets the encoded form offered.
 */
export class SignUrlView extends SigningForm<SignedUrl> {
  static override properties = { url: '', policyResource: '' };

  declare url: string;
  declare policyResource: string;
  protected readonly inputs = ['url', 'policyResource'];
  protected readonly fields = ['url', 'policyResource'];

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

  protected applyDraft(draft: SignRequest): void {
    this.url = draft.unsignedUrl ?? '';
    // A custom policy's resource is kept when it is more than the URL itself (a wildcard).
    this.policyResource =
      draft.policyType === 'custom' && draft.resource !== this.url ? (draft.resource ?? '') : '';
  }

  protected sign(options: SigningOptions): Promise<SignedUrl> {
    const policyResource = this.policyResource.trim();
    return signUrl({ ...options, url: this.url, ...(policyResource ? { policyResource } : {}) });
  }

  override render() {
    const { problem } = this;
    const encoded = encodedForm(this.url);
    const inputs = html`
      ${field({
        id: 'url',
        label: 'URL to sign',
        value: this.url,
        hint: 'The full URL viewers will request, with its own query string if any.',
        placeholder: 'https://d111111abcdef8.cloudfront.net/videos/intro.mp4',
        error: messageFor(problem, 'url'),
        inputmode: 'url',
        onInput: (url) => {
          this.url = url;
        },
      })}
      ${encoded ? this.#renderEncodingOffer(encoded) : nothing}
      ${this.conditionsFields({
        name: 'policy resource',
        option: 'policyResource',
        value: this.policyResource,
        field: field({
          id: 'policy-resource',
          label: 'Policy resource (optional, wildcards * and ?)',
          value: this.policyResource,
          hint: 'Lets one signature cover more than this URL, e.g. …/videos/*. Makes the policy custom.',
          error: messageFor(problem, 'policyResource'),
          onInput: (value) => {
            this.policyResource = value;
          },
        }),
      })}
    `;
    return this.bench(
      'Sign a URL',
      inputs,
      this.status('sign-status') ?? this.#renderResult(this.signed as SignedUrl),
    );
  }

  #renderEncodingOffer(encoded: EncodedUrl) {
    return html`<div class="alert warn" id="encoding-offer">
      <p>
        <strong>A browser sends this URL differently</strong> (${encoded.changes.join('; ')}).
        Sign what it sends:
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
    const keyType = this.signedWith?.type ?? 'RSA';
    return html`
      ${resultStatus(signed, 'Signed URL', this.preset())}
      ${outputBlock({
        id: 'signed-url',
        title: 'Signed URL',
        value: colouredUrl(signed.url),
        text: signed.url,
        what: 'signed URL',
        provide: async () => (await this.fresh())?.url,
        primary: true,
        extra: html`<a
          class="button"
          href=${signed.url}
          target="_blank"
          rel="noopener noreferrer"
          @click=${this.#open}
          >Open in a new tab</a
        >`,
      })}
      ${partsLegend(signed, `${keyType} with ${signed.hashAlgorithm} over the policy, in CloudFront’s base64.`)}
      ${policyDetails(signed, 'url')}
    `;
  }

  /** A quick expiry counts from this click: the URL opened is signed now. */
  readonly #open = async (event: MouseEvent): Promise<void> => {
    if (!this.preset()) return;
    event.preventDefault();
    // The tab is opened within the click (Safari blocks a window opened after an await), cut
    // from this page as noopener would, then sent to the URL signed at this moment.
    const tab = window.open('', '_blank');
    if (!tab) return;
    tab.opener = null;
    const signed = await this.fresh();
    if (signed) tab.location.replace(signed.url);
    else tab.close();
  };
}

customElements.define('signet-sign-url-view', SignUrlView);

declare global {
  interface HTMLElementTagNameMap {
    'signet-sign-url-view': SignUrlView;
  }
}
