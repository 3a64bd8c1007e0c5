import { css, html, LitElement, nothing, type PropertyValues } from 'lit';
import { live } from 'lit/directives/live.js';
import {
  type CookieAttributes,
  type SignedCookies,
  type SigningKey,
  signCookies,
} from '../../core/index.ts';
import { curlWithCookies } from '../lib/curl.ts';
import { LatestOnly } from '../lib/latest.ts';
import { messageFor, type Problem, toProblem } from '../lib/problem.ts';
import { defaultConditions, type SigningConditions, toSigningOptions } from '../state.ts';
import { sharedStyles } from '../styles/shared.ts';
import './conditions-fields.ts';
import './copy-button.ts';
import { field } from './field.ts';
import { notSigned, outputBlock, policySummary } from './signed-output.ts';

type SameSite = '' | 'Strict' | 'Lax' | 'None';

/**
 * Signed cookies: a resource (one URL, or a wildcard for a folder, site or stream), the shared
 * conditions and the cookie attributes; outputs the cookies, Set-Cookie lines and a curl command.
 */
export class CookiesView extends LitElement {
  static override properties = {
    signingKey: { attribute: false },
    conditions: { attribute: false },
    resource: { state: true },
    domain: { state: true },
    path: { state: true },
    secure: { state: true },
    httpOnly: { state: true },
    sameSite: { state: true },
    expiresWithPolicy: { state: true },
    testUrl: { state: true },
    signed: { state: true },
    problem: { state: true },
  };
  static override styles = [
    sharedStyles,
    css`
      td.value {
        font-family: ui-monospace, 'Cascadia Mono', 'DejaVu Sans Mono', Menlo, Consolas, monospace;
        font-size: 0.8rem;
      }
      .table-wrap {
        overflow-x: auto;
      }
    `,
  ];

  declare signingKey: SigningKey | undefined;
  declare conditions: SigningConditions;
  declare resource: string;
  declare domain: string;
  declare path: string;
  declare secure: boolean;
  declare httpOnly: boolean;
  declare sameSite: SameSite;
  declare expiresWithPolicy: boolean;
  declare testUrl: string;
  declare signed: SignedCookies | undefined;
  declare problem: Problem | undefined;
  private readonly signing = new LatestOnly();

  constructor() {
    super();
    this.signingKey = undefined;
    this.conditions = defaultConditions('');
    this.resource = '';
    this.domain = '';
    this.path = '/';
    this.secure = true;
    this.httpOnly = true;
    this.sameSite = '';
    this.expiresWithPolicy = false;
    this.testUrl = '';
    this.signed = undefined;
    this.problem = undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const inputs = [
      'signingKey',
      'conditions',
      'resource',
      'domain',
      'path',
      'secure',
      'httpOnly',
      'sameSite',
      'expiresWithPolicy',
    ] as const;
    if (inputs.some((name) => changed.has(name))) this.resign();
  }

  private missing(): string | undefined {
    if (!this.resource.trim()) return 'Type the resource the cookies should unlock.';
    if (!this.signingKey) return 'Load the private key above to sign.';
    if (!this.conditions.keyPairId.trim()) return 'Enter the key pair ID.';
    return undefined;
  }

  private cookieAttributes(): CookieAttributes {
    return {
      secure: this.secure,
      httpOnly: this.httpOnly,
      ...(this.domain.trim() ? { domain: this.domain.trim() } : {}),
      ...(this.path.trim() ? { path: this.path.trim() } : {}),
      ...(this.sameSite ? { sameSite: this.sameSite } : {}),
      ...(this.expiresWithPolicy ? { expires: true } : {}),
    };
  }

  private resign(): void {
    const key = this.signingKey;
    if (this.missing() || !key) {
      this.signing.cancel();
      this.signed = undefined;
      this.problem = undefined;
      return;
    }
    void this.signing.run(
      () =>
        signCookies({
          ...toSigningOptions(this.conditions, key),
          resource: this.resource.trim(),
          cookieAttributes: this.cookieAttributes(),
        }),
      (outcome) => {
        this.signed = outcome.ok ? outcome.value : undefined;
        this.problem = outcome.ok ? undefined : toProblem(outcome.error);
      },
    );
  }

  override render() {
    const { problem } = this;
    const attributeError = messageFor(problem, 'cookieAttributes');
    const check = (label: string, checked: boolean, set: (value: boolean) => void) =>
      html`<label class="choice"
        ><input
          type="checkbox"
          .checked=${live(checked)}
          @change=${(event: Event) => set((event.target as HTMLInputElement).checked)}
        />
        ${label}</label
      >`;
    return html`
      <h2>Signed cookies</h2>
      ${field({
        id: 'cookie-resource',
        label: 'Resource the cookies unlock',
        value: this.resource,
        hint: 'One exact URL (canned policy), or a wildcard such as https://d111111abcdef8.cloudfront.net/videos/* for a folder, a site or an HLS/DASH stream (custom policy).',
        placeholder: 'https://d111111abcdef8.cloudfront.net/videos/*',
        error: messageFor(problem, 'resource'),
        onInput: (value) => {
          this.resource = value;
        },
      })}
      <signet-conditions-fields
        .conditions=${this.conditions}
        .problem=${problem}
        .keyType=${this.signingKey?.type}
      ></signet-conditions-fields>
      <fieldset aria-describedby=${attributeError ? 'attributes-error' : nothing}>
        <legend>Cookie attributes</legend>
        <div class="grid">
          ${field({
            id: 'cookie-domain',
            label: 'Domain (optional)',
            value: this.domain,
            hint: 'Your own domain that serves the distribution, e.g. media.example.com; never cloudfront.net.',
            onInput: (value) => {
              this.domain = value;
            },
          })}
          ${field({
            id: 'cookie-path',
            label: 'Path',
            value: this.path,
            hint: 'The narrowest path that covers the content, e.g. /videos/.',
            onInput: (value) => {
              this.path = value;
            },
          })}
          <div class="field">
            <label for="same-site">SameSite</label>
            <select
              id="same-site"
              .value=${live(this.sameSite)}
              @change=${(event: Event) => {
                this.sameSite = (event.target as HTMLSelectElement).value as SameSite;
              }}
            >
              <option value="">Not set (browser default, Lax)</option>
              <option value="Strict">Strict</option>
              <option value="Lax">Lax</option>
              <option value="None">None (needs Secure)</option>
            </select>
          </div>
        </div>
        <div class="row">
          ${check('Secure', this.secure, (value) => {
            this.secure = value;
          })}
          ${check('HttpOnly', this.httpOnly, (value) => {
            this.httpOnly = value;
          })}
          ${check(
            'Expires with the policy (else session cookies)',
            this.expiresWithPolicy,
            (value) => {
              this.expiresWithPolicy = value;
            },
          )}
        </div>
        ${attributeError ? html`<p class="error" id="attributes-error">${attributeError}</p>` : nothing}
      </fieldset>
      <h2>Result</h2>
      ${this.renderResult()}
    `;
  }

  private renderResult() {
    const waiting = this.missing();
    if (waiting) return html`<p class="hint" id="cookie-status">${waiting}</p>`;
    const { signed, problem } = this;
    if (problem && !signed) return notSigned(problem, SHOWN_FIELDS, 'cookie-status');
    if (!signed) return html`<p class="hint" id="cookie-status">Signing…</p>`;
    const wildcard = /[*?]/.test(signed.resource);
    const curlUrl = this.testUrl.trim() || (wildcard ? '' : signed.resource);
    const setCookie = signed.setCookieHeaders.map((line) => `Set-Cookie: ${line}`).join('\n');
    return html`
      <p class="visually-hidden" role="status">Signed cookies ready (${signed.policyType} policy).</p>
      <div class="output">
        <div class="output-head">
          <h3>Cookies</h3>
          <signet-copy-button
            .text=${JSON.stringify(signed.cookies, null, 2)}
            what="cookies as JSON"
          ></signet-copy-button>
        </div>
        <div class="table-wrap">
          <table id="cookie-table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Value</th>
                <th scope="col"><span class="visually-hidden">Copy</span></th>
              </tr>
            </thead>
            <tbody>
              ${Object.entries(signed.cookies).map(
                ([name, value]) => html`<tr>
                  <th scope="row">${name}</th>
                  <td class="value">${value}</td>
                  <td><signet-copy-button .text=${value} what=${`${name} value`}></signet-copy-button></td>
                </tr>`,
              )}
            </tbody>
          </table>
        </div>
      </div>
      ${outputBlock({ id: 'set-cookie', title: 'Set-Cookie headers', value: setCookie, what: 'Set-Cookie headers' })}
      ${field({
        id: 'curl-url',
        label: 'URL for the curl test (optional)',
        value: this.testUrl,
        hint: wildcard
          ? 'The resource has wildcards: give one URL under it to request.'
          : 'Defaults to the resource.',
        placeholder: 'https://d111111abcdef8.cloudfront.net/videos/intro.m3u8',
        onInput: (value) => {
          this.testUrl = value;
        },
      })}
      ${
        curlUrl
          ? outputBlock({
              id: 'curl',
              title: 'curl command (prints the HTTP status)',
              value: curlWithCookies(curlUrl, signed.cookies),
              what: 'curl command',
            })
          : nothing
      }
      ${policySummary(signed, 'cookie')}
    `;
  }
}

const SHOWN_FIELDS = [
  'resource',
  'keyPairId',
  'dateLessThan',
  'dateGreaterThan',
  'ipAddress',
  'hashAlgorithm',
  'cookieAttributes',
];

customElements.define('signet-cookies-view', CookiesView);

declare global {
  interface HTMLElementTagNameMap {
    'signet-cookies-view': CookiesView;
  }
}
