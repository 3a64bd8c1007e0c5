import { html, nothing } from 'lit';
import {
  type CookieAttributes,
  type SignedCookies,
  type SigningOptions,
  signCookies,
} from '../../core/index.ts';
import { curlWithCookies } from '../lib/curl.ts';
import { messageFor } from '../lib/problem.ts';
import './conditions-fields.ts';
import './copy-button.ts';
import { choice, field } from './field.ts';
import { outputBlock, policySummary } from './signed-output.ts';
import { SigningForm } from './signing-form.ts';

type SameSite = '' | 'Strict' | 'Lax' | 'None';

/**
 * Signed cookies: a resource (one URL, or a wildcard for a folder, site or stream), the shared
 * conditions and the cookie attributes; outputs the cookies, Set-Cookie lines and a curl command.
 */
export class CookiesView extends SigningForm<SignedCookies> {
  static override properties = {
    resource: { state: true },
    domain: { state: true },
    path: { state: true },
    secure: { state: true },
    httpOnly: { state: true },
    sameSite: { state: true },
    expiresWithPolicy: { state: true },
    testUrl: { state: true },
  };
  declare resource: string;
  declare domain: string;
  declare path: string;
  declare secure: boolean;
  declare httpOnly: boolean;
  declare sameSite: SameSite;
  declare expiresWithPolicy: boolean;
  declare testUrl: string;
  protected readonly inputs = [
    'resource',
    'domain',
    'path',
    'secure',
    'httpOnly',
    'sameSite',
    'expiresWithPolicy',
  ];
  protected readonly fields = ['resource', 'cookieAttributes'];

  constructor() {
    super();
    this.resource = '';
    this.domain = '';
    this.path = '/';
    this.secure = true;
    this.httpOnly = true;
    this.sameSite = '';
    this.expiresWithPolicy = false;
    this.testUrl = '';
  }

  protected prompt(): string {
    return this.resource.trim() ? '' : 'Type the resource the cookies should unlock.';
  }

  protected sign(options: SigningOptions): Promise<SignedCookies> {
    const cookieAttributes: CookieAttributes = {
      secure: this.secure,
      httpOnly: this.httpOnly,
      ...(this.domain.trim() ? { domain: this.domain.trim() } : {}),
      ...(this.path.trim() ? { path: this.path.trim() } : {}),
      ...(this.sameSite ? { sameSite: this.sameSite } : {}),
      ...(this.expiresWithPolicy ? { expires: true } : {}),
    };
    return signCookies({ ...options, resource: this.resource.trim(), cookieAttributes });
  }

  override render() {
    const { problem } = this;
    const attributeError = messageFor(problem, 'cookieAttributes');
    const check = (label: string, checked: boolean, onChange: (checked: boolean) => void) =>
      choice({ type: 'checkbox', label, checked, onChange });
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
      ${this.conditionsFields()}
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
              .value=${this.sameSite}
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
      ${this.status('cookie-status') ?? this.#renderResult(this.signed as SignedCookies)}
    `;
  }

  #renderResult(signed: SignedCookies) {
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
                <td class="value mono">${value}</td>
                <td><signet-copy-button .text=${value} what=${`${name} value`}></signet-copy-button></td>
              </tr>`,
            )}
          </tbody>
        </table>
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

customElements.define('signet-cookies-view', CookiesView);

declare global {
  interface HTMLElementTagNameMap {
    'signet-cookies-view': CookiesView;
  }
}
