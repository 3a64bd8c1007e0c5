import { html, nothing } from 'lit/html.js';
import {
  type CookieAttributes,
  type SignedCookies,
  type SigningOptions,
  signCookies,
} from '../../core/index.ts';
import { curlWithCookies } from '../lib/curl.ts';
import { messageFor, type Problem } from '../lib/problem.ts';
import './conditions-fields.ts';
import './copy-button.ts';
import type { SignRequest } from '../state.ts';
import { choice, field } from './field.ts';
import { outputBlock, partOf, partsLegend, policyDetails, resultStatus } from './signed-output.ts';
import { SigningForm } from './signing-form.ts';

type SameSite = '' | 'Strict' | 'Lax' | 'None';

/**
 * Signed cookies: a resource (one URL, or a wildcard for a folder, site or stream), the shared
 * conditions and the cookie attributes; outputs the cookies, Set-Cookie lines and a curl command.
 */
export class CookiesView extends SigningForm<SignedCookies> {
  /** All but the last (the curl test's URL) change the cookies. */
  static override properties = {
    resource: '',
    domain: '',
    path: '',
    secure: true,
    httpOnly: true,
    sameSite: '',
    expiresWithPolicy: false,
    testUrl: '',
  };
  declare resource: string;
  declare domain: string;
  declare path: string;
  declare secure: boolean;
  declare httpOnly: boolean;
  declare sameSite: SameSite;
  declare expiresWithPolicy: boolean;
  declare testUrl: string;
  protected readonly inputs = Object.keys(CookiesView.properties).slice(0, -1);
  protected readonly fields = ['resource', 'cookieAttributes', 'cookieDomain'];

  protected prompt(): string {
    return this.resource.trim() ? '' : 'Type the resource the cookies should unlock.';
  }

  protected applyDraft(draft: SignRequest): void {
    this.resource = draft.resource ?? '';
  }

  protected sign(options: SigningOptions): Promise<SignedCookies> {
    const resource = this.resource.trim();
    const domain = this.domain.trim();
    checkDomainCovers(domain, resource);
    const cookieAttributes: CookieAttributes = {
      secure: this.secure,
      httpOnly: this.httpOnly,
      ...(domain ? { domain } : {}),
      ...(this.path.trim() ? { path: this.path.trim() } : {}),
      ...(this.sameSite ? { sameSite: this.sameSite } : {}),
      ...(this.expiresWithPolicy ? { expires: true } : {}),
    };
    return signCookies({ ...options, resource, cookieAttributes });
  }

  override render() {
    const { problem } = this;
    const attributeError = messageFor(problem, 'cookieAttributes');
    const check = (label: string, checked: boolean, onChange: (checked: boolean) => void) =>
      choice({ type: 'checkbox', label, checked, onChange });
    const signed = this.signed;
    const defaultPath = /; Path=([^;]*)/.exec(signed?.setCookieHeaders[0] ?? '')?.[1] ?? '/';
    const wildcard = /[*?]/.test(this.resource);
    const inputs = html`
      ${field({
        id: 'cookie-resource',
        label: 'Resource the cookies unlock',
        value: this.resource,
        hint: 'One URL (canned policy), or a wildcard such as …/videos/* for a folder, site or stream.',
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
            hint: 'Empty: the resource’s host only. Never cloudfront.net itself.',
            placeholder: 'media.example.com',
            error: messageFor(problem, 'cookieDomain'),
            onInput: (value) => {
              this.domain = value;
            },
          })}
          ${field({
            id: 'cookie-path',
            label: 'Path (optional)',
            value: this.path,
            hint: `Empty: the resource’s folder, ${defaultPath}`,
            placeholder: defaultPath,
            onInput: (value) => {
              this.path = value;
            },
          })}
        </div>
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
        <div>
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
      ${field({
        id: 'curl-url',
        label: 'URL for the curl test (optional)',
        value: this.testUrl,
        hint: wildcard
          ? 'One URL under the wildcard resource, to request.'
          : 'Empty: the resource.',
        placeholder: 'https://d111111abcdef8.cloudfront.net/videos/intro.m3u8',
        onInput: (value) => {
          this.testUrl = value;
        },
      })}
    `;
    return this.bench(
      'Signed cookies',
      inputs,
      this.status('cookie-status') ?? this.#renderResult(signed as SignedCookies),
    );
  }

  #renderResult(signed: SignedCookies) {
    const wildcard = /[*?]/.test(signed.resource);
    const curlUrl = this.testUrl.trim() || (wildcard ? '' : signed.resource);
    const setCookie = (cookies: SignedCookies) =>
      cookies.setCookieHeaders.map((line) => `Set-Cookie: ${line}`).join('\n');
    const curl = (cookies: SignedCookies) => curlWithCookies(curlUrl, cookies.cookies);
    const fresh = (make: (cookies: SignedCookies) => string) => async () => {
      const cookies = await this.fresh();
      return cookies && make(cookies);
    };
    const keyType = this.signedWith?.type ?? 'RSA';
    return html`
      ${resultStatus(signed, 'Signed cookies', this.preset())}
      <div class="output">
        <div class="toolbar">
          <h3>Cookies</h3>
          <signet-copy-button
            .text=${JSON.stringify(signed.cookies, null, 2)}
            .provide=${fresh((cookies) => JSON.stringify(cookies.cookies, null, 2))}
            .what=${'cookies as JSON'}
          ></signet-copy-button>
        </div>
        <table id="cookie-table" class="stack">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Value</th>
              <th scope="col"><span class="visually-hidden">Copy</span></th>
            </tr>
          </thead>
          <tbody>
            ${Object.entries(signed.cookies).map(
              ([name, value]) => html`<tr class=${`p-${partOf(name)}`}>
                <th scope="row">${name}</th>
                <td class="value mono">${value}</td>
                <td>
                  <signet-copy-button
                    .text=${value}
                    .provide=${fresh((cookies) => cookies.cookies[name] ?? '')}
                    .what=${`${name} value`}
                  ></signet-copy-button>
                </td>
              </tr>`,
            )}
          </tbody>
        </table>
      </div>
      ${outputBlock({
        id: 'set-cookie',
        title: 'Set-Cookie headers',
        value: setCookie(signed),
        provide: fresh(setCookie),
        what: 'Set-Cookie headers',
      })}
      ${
        curlUrl
          ? outputBlock({
              id: 'curl',
              title: 'curl command (prints the HTTP status)',
              value: curl(signed),
              provide: fresh(curl),
              what: 'curl command',
            })
          : nothing
      }
      ${partsLegend(signed, `${keyType} with ${signed.hashAlgorithm} over the policy, in CloudFront’s base64.`)}
      ${policyDetails(signed, 'cookie')}
    `;
  }
}

/**
 * Browsers send a cookie only to hosts inside its Domain, so a Domain that does not cover the
 * resource's host makes cookies that never arrive (RFC 6265 section 5.1.3). Checked only for a
 * well-formed domain and a resource host without wildcards; the core checks the rest.
 */
function checkDomainCovers(domain: string, resource: string): void {
  const host = /^https?:\/\/([^/?#:]+)/i.exec(resource)?.[1]?.toLowerCase();
  const bare = domain.replace(/^\./, '').toLowerCase();
  if (!host || /[*?]/.test(host) || !/^[a-z0-9.-]{1,253}$/.test(bare)) return;
  if (host === bare || host.endsWith(`.${bare}`)) return;
  const problem: Problem = {
    field: 'cookieDomain',
    code: 'ERR_COOKIE_ATTRIBUTE',
    message: `The domain ${bare} does not cover ${host}, the resource’s host, so browsers would never send these cookies to it. Leave Domain empty, or give ${host} or a domain above it.`,
  };
  throw problem;
}

customElements.define('signet-cookies-view', CookiesView);

declare global {
  interface HTMLElementTagNameMap {
    'signet-cookies-view': CookiesView;
  }
}
