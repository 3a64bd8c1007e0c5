import { html, LitElement, nothing, type PropertyValues } from 'lit';
import {
  type EncodedUrl,
  encodeUrlForSigning,
  type SignedUrl,
  type SigningKey,
  signUrl,
} from '../../core/index.ts';
import { LatestOnly } from '../lib/latest.ts';
import { messageFor, type Problem, toProblem } from '../lib/problem.ts';
import { defaultConditions, type SigningConditions, toSigningOptions } from '../state.ts';
import { sharedStyles } from '../styles/shared.ts';
import './conditions-fields.ts';
import { field } from './field.ts';
import { notSigned, outputBlock, policySummary } from './signed-output.ts';

/**
 * Sign a URL: the URL, an optional policy resource, and the shared conditions. The signed URL is
 * remade on every change; a URL that needs encoding gets the exact encoded string offered.
 */
export class SignUrlView extends LitElement {
  static override properties = {
    signingKey: { attribute: false },
    conditions: { attribute: false },
    url: { state: true },
    policyResource: { state: true },
    signed: { state: true },
    problem: { state: true },
    encoded: { state: true },
  };
  static override styles = sharedStyles;

  declare signingKey: SigningKey | undefined;
  declare conditions: SigningConditions;
  declare url: string;
  declare policyResource: string;
  declare signed: SignedUrl | undefined;
  declare problem: Problem | undefined;
  declare encoded: EncodedUrl | undefined;
  private readonly signing = new LatestOnly();

  constructor() {
    super();
    this.signingKey = undefined;
    this.conditions = defaultConditions('');
    this.url = '';
    this.policyResource = '';
    this.signed = undefined;
    this.problem = undefined;
    this.encoded = undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (
      changed.has('signingKey') ||
      changed.has('conditions') ||
      changed.has('url') ||
      changed.has('policyResource')
    ) {
      this.resign();
    }
  }

  /** What is still missing before anything can be signed, in the order the form asks for it. */
  private missing(): string | undefined {
    if (!this.url.trim()) return 'Type the URL to sign.';
    if (!this.signingKey) return 'Load the private key above to sign.';
    if (!this.conditions.keyPairId.trim()) return 'Enter the key pair ID.';
    return undefined;
  }

  private resign(): void {
    this.encoded = offerEncoding(this.url);
    const key = this.signingKey;
    if (this.missing() || !key) {
      this.signing.cancel();
      this.signed = undefined;
      this.problem = undefined;
      return;
    }
    void this.signing.run(
      () =>
        signUrl({
          ...toSigningOptions(this.conditions, key),
          url: this.url,
          ...(this.policyResource.trim() ? { policyResource: this.policyResource.trim() } : {}),
        }),
      (outcome) => {
        this.signed = outcome.ok ? outcome.value : undefined;
        this.problem = outcome.ok ? undefined : toProblem(outcome.error);
      },
    );
  }

  override render() {
    const { problem, encoded } = this;
    const urlError = messageFor(problem, 'url');
    return html`
      <h2>Sign a URL</h2>
      ${field({
        id: 'url',
        label: 'URL to sign',
        value: this.url,
        hint: 'The full URL as viewers will request it, with its own query string if any.',
        placeholder: 'https://d111111abcdef8.cloudfront.net/videos/intro.mp4',
        error: urlError,
        inputmode: 'url',
        onInput: (url) => {
          this.url = url;
        },
      })}
      ${encoded ? this.renderEncodingOffer(encoded) : nothing}
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
      <signet-conditions-fields
        .conditions=${this.conditions}
        .problem=${problem}
        .keyType=${this.signingKey?.type}
      ></signet-conditions-fields>
      <h2>Result</h2>
      ${this.renderResult()}
    `;
  }

  private renderEncodingOffer(encoded: EncodedUrl) {
    return html`<div class="notice warn" id="encoding-offer">
      <p>
        Browsers will send this URL differently from how it is typed (${encoded.changes.join('; ')}).
        Sign exactly the string that goes over the wire:
      </p>
      <pre class="value" id="encoded-url">${encoded.url}</pre>
      <p class="row">
        <button type="button" @click=${() => {
          this.url = encoded.url;
        }}>Sign the encoded URL</button>
      </p>
    </div>`;
  }

  private renderResult() {
    const waiting = this.missing();
    if (waiting) return html`<p class="hint" id="sign-status">${waiting}</p>`;
    const { signed, problem } = this;
    if (problem && !signed) return notSigned(problem, SHOWN_FIELDS, 'sign-status');
    if (!signed) return html`<p class="hint" id="sign-status">Signing…</p>`;
    return html`
      <p class="visually-hidden" role="status">Signed URL ready (${signed.policyType} policy).</p>
      ${outputBlock({
        id: 'signed-url',
        title: 'Signed URL',
        value: signed.url,
        what: 'signed URL',
        extra: html`<a
          class="button"
          href=${signed.url}
          target="_blank"
          rel="noopener noreferrer"
          >Open in a new tab</a
        >`,
      })}
      ${policySummary(signed, 'url')}
    `;
  }
}

/** The options this form has a field for, so their errors are shown there and not twice. */
const SHOWN_FIELDS = [
  'url',
  'policyResource',
  'keyPairId',
  'dateLessThan',
  'dateGreaterThan',
  'ipAddress',
  'hashAlgorithm',
];

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
