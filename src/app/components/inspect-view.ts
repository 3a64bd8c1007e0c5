import { html, nothing } from 'lit/html.js';
import {
  evaluateRequest,
  type Inspection,
  importPublicKey,
  inspectSignedCookies,
  inspectSignedUrl,
  type PublicKey,
  type SigningKey,
  type TimeView,
  type Verdict,
} from '../../core/index.ts';
import { type PropertyValues, SignetElement } from '../lib/element.ts';
import { LatestOnly } from '../lib/latest.ts';
import { messageFor, type Problem, pageWords, toProblem } from '../lib/problem.ts';
import { Ticker } from '../lib/ticker.ts';
import { localInputToEpoch, relativeText, whenText } from '../lib/time.ts';
import { emit } from '../state.ts';
import { sharedStyles } from '../styles/shared.ts';
import './copy-button.ts';
import { choice, field, typedDateTime } from './field.ts';
import { colouredUrl, outputBlock, splitUrl, warningList } from './signed-output.ts';

type Source = 'url' | 'cookies';

/** The properties the findings depend on (all but the last two): the findings must not trigger a recheck. */
const PROPERTIES = {
  signingKey: undefined,
  keyPairId: '',
  source: 'url',
  signedUrl: '',
  cookies: '',
  requestUrl: '',
  at: '',
  viewerIp: '',
  publicKeyPem: '',
  trustedKeyPairId: '',
  findings: undefined,
  problem: undefined,
};
const INPUTS = Object.keys(PROPERTIES).slice(0, -2);

/** What the inspection found: the decoded parts, and CloudFront's answer when a key was given. */
interface Findings {
  readonly inspection: Inspection;
  readonly verdict?: Verdict;
  /** Why there is no verdict (no key to check against). */
  readonly noVerdict?: string;
  readonly trustedKeyPairId?: string;
  readonly assumedKeyPairId?: boolean;
}

/**
 * Inspect a link: decode a signed URL or signed cookies and give CloudFront's verdict at a chosen
 * time and viewer IP, against the loaded key or a pasted public key. It never signs anything, so
 * "allowed" is always about the link as pasted.
 */
export class InspectView extends SignetElement {
  static override properties = PROPERTIES;
  static override styles = sharedStyles;

  declare signingKey: SigningKey | undefined;
  /** The key pair ID from the signing form: the ID the loaded key has in CloudFront. */
  declare keyPairId: string;
  declare source: Source;
  declare signedUrl: string;
  declare cookies: string;
  declare requestUrl: string;
  /** datetime-local value, or '' for now. */
  declare at: string;
  declare viewerIp: string;
  declare publicKeyPem: string;
  declare trustedKeyPairId: string;
  declare findings: Findings | undefined;
  declare problem: Problem | undefined;
  readonly #checking = new LatestOnly();
  /** When the findings were made (ms): with "now", a time passed since then means a new verdict. */
  #checkedAt = 0;

  constructor() {
    super();
    new Ticker(this);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (INPUTS.some((name) => changed.has(name)) || this.#crossed()) this.#recheck();
  }

  /** The clock the verdict is for: the chosen time, or now. */
  #now(): number {
    const at = localInputToEpoch(this.at);
    return at === undefined ? Date.now() : at * 1000;
  }

  /** True when checking "now" and the expiry or start time has passed since the last check. */
  #crossed(): boolean {
    const found = this.findings?.inspection;
    if (this.at || !found) return false;
    const now = Date.now();
    return [found.dateLessThan, found.dateGreaterThan].some(
      (time) =>
        time && time.epochSeconds * 1000 > this.#checkedAt && time.epochSeconds * 1000 <= now,
    );
  }

  #recheck(): void {
    const input = this.source === 'url' ? this.signedUrl.trim() : this.cookies.trim();
    if (!input || (this.source === 'cookies' && !this.requestUrl.trim())) {
      this.#checking.cancel();
      return;
    }
    void this.#checking.run(
      () => this.#inspect(),
      (outcome) => {
        this.findings = outcome.ok ? outcome.value : undefined;
        this.problem = outcome.ok ? undefined : toProblem(outcome.error);
      },
    );
  }

  async #inspect(): Promise<Findings> {
    const now = this.#now();
    this.#checkedAt = now;
    const inspection =
      this.source === 'url'
        ? inspectSignedUrl(this.signedUrl.trim(), { now })
        : inspectSignedCookies(this.cookies.trim(), { now });
    const key = await this.#trustedKey();
    if (!key) {
      return {
        inspection,
        noVerdict:
          'Load the private key above, or paste the public key, to get CloudFront’s verdict.',
      };
    }
    // The key's ID in CloudFront: typed here, else the signing form's, else the link's own.
    const typed =
      this.trustedKeyPairId.trim() || (this.publicKeyPem.trim() ? '' : this.keyPairId.trim());
    const trustedKeyPairId = typed || inspection.keyPairId || '';
    const verdict = await evaluateRequest({
      url: this.source === 'url' ? this.signedUrl.trim() : this.requestUrl.trim(),
      ...(this.source === 'cookies' ? { cookies: this.cookies.trim() } : {}),
      ...(this.viewerIp.trim() ? { viewerIp: this.viewerIp.trim() } : {}),
      now,
      trustedKeys: trustedKeyPairId ? { [trustedKeyPairId]: key } : {},
    });
    return { inspection, verdict, trustedKeyPairId, assumedKeyPairId: !typed };
  }

  async #trustedKey(): Promise<PublicKey | SigningKey | undefined> {
    if (!this.publicKeyPem.trim()) return this.signingKey;
    // Errors name the public key field, so they are shown next to it.
    try {
      return await importPublicKey(this.publicKeyPem);
    } catch (error) {
      throw { ...toProblem(error), field: 'publicKey' } satisfies Problem;
    }
  }

  override render() {
    const problem = this.problem;
    const radio = (value: Source, label: string) =>
      choice({
        type: 'radio',
        name: 'source',
        label,
        checked: this.source === value,
        onChange: () => {
          this.source = value;
        },
      });
    const inputs = html`
      <p class="hint lead">Answers as CloudFront would, about exactly what you paste. Nothing is signed here.</p>
      <fieldset>
        <legend>What to inspect</legend>
        <div class="seg">
          ${radio('url', 'A signed URL')} ${radio('cookies', 'Signed cookies')}
        </div>
      </fieldset>
      ${
        this.source === 'url'
          ? field({
              id: 'inspect-url',
              label: 'Signed URL',
              value: this.signedUrl,
              rows: 5,
              error: messageFor(problem, 'url'),
              onInput: (value) => {
                this.signedUrl = value;
              },
            })
          : html`${field({
              id: 'inspect-cookies',
              label: 'Cookies',
              value: this.cookies,
              rows: 5,
              hint: 'A Cookie header, Set-Cookie lines, or the JSON that aws cloudfront sign-cookies prints.',
              error: messageFor(problem, 'cookies'),
              onInput: (value) => {
                this.cookies = value;
              },
            })}
            ${field({
              id: 'inspect-request-url',
              label: 'Request URL (the URL the cookies are sent with)',
              value: this.requestUrl,
              error: messageFor(problem, 'url'),
              onInput: (value) => {
                this.requestUrl = value;
              },
            })}`
      }
      <div>
        <div class="field">
          <label for="inspect-at">Check at (your local time; empty means now)</label>
          <div class="row">
            <input
              id="inspect-at"
              type="datetime-local"
              step="1"
              .value=${this.at}
              @input=${(event: Event) => {
                this.at = typedDateTime(event) ?? this.at;
              }}
            />
            <button type="button" ?disabled=${!this.at} @click=${() => {
              this.at = '';
            }}>Now</button>
          </div>
        </div>
        ${field({
          id: 'viewer-ip',
          label: 'Viewer IP address (optional)',
          value: this.viewerIp,
          hint: 'Checked against the policy’s IpAddress.',
          placeholder: '192.0.2.10',
          onInput: (value) => {
            this.viewerIp = value;
          },
        })}
      </div>
      ${field({
        id: 'inspect-public-key',
        label: 'Public key (BEGIN PUBLIC KEY, optional)',
        value: this.publicKeyPem,
        rows: 2,
        hint: 'Empty: the loaded private key’s own.',
        error: messageFor(problem, 'publicKey'),
        onInput: (value) => {
          this.publicKeyPem = value;
        },
      })}
      ${field({
        id: 'trusted-key-pair-id',
        label: 'Key pair ID that CloudFront trusts for this key (optional)',
        value: this.trustedKeyPairId,
        hint: 'Empty: the signing form’s key pair ID, else the link’s own.',
        onInput: (value) => {
          this.trustedKeyPairId = value;
        },
      })}
    `;
    return html`<h2 class="visually-hidden">Inspect a link</h2>
      <div class="bench">
        <section class="pane" aria-label="Inputs">${inputs}</section>
        <section class="pane result" aria-label="Result">${this.#renderFindings()}</section>
      </div>`;
  }

  /** Selects a part of the pasted link or cookies in its field: the decoded view links back. */
  #select(name: string): void {
    const input = this.renderRoot.querySelector<HTMLTextAreaElement>(
      this.source === 'url' ? '#inspect-url' : '#inspect-cookies',
    );
    if (!input) return;
    const text = input.value;
    const start =
      this.source === 'url'
        ? (splitUrl(text).find((part) => part.name === name)?.start ?? -1)
        : text.indexOf(`CloudFront-${name}`);
    if (start < 0) return;
    const end = text.slice(start).search(/[&;\s",]|$/) + start;
    input.focus();
    input.setSelectionRange(start, end);
  }

  /** The decoded link's resource and conditions, to sign again in the signing form. */
  #resign(found: Inspection): void {
    emit(this, 'sign-request', { ...found });
  }

  #renderFindings() {
    const { findings, problem } = this;
    if (problem && !findings) {
      const shown =
        problem.field !== undefined && ['url', 'cookies', 'publicKey'].includes(problem.field);
      return html`<p class="alert bad" id="inspect-status">
        <strong>Cannot inspect.</strong>
        ${shown ? 'See the message at the highlighted field.' : problem.message}
      </p>`;
    }
    if (!findings) {
      return html`<div class="empty">
        <strong>Nothing to inspect yet</strong>
        <p class="hint" id="inspect-status">
          ${this.source === 'url' ? 'Paste a signed URL.' : 'Paste the cookies and the URL they are sent with.'}
        </p>
      </div>`;
    }
    const { inspection: found, verdict } = findings;
    const now = this.#now() / 1000;
    const link = this.signedUrl.trim();
    const term = (name: string, label = name) =>
      html`<button type="button" class="link" @click=${() => this.#select(name)}>${label}</button>`;
    const row = (label: unknown, value: unknown, part = '', mono = true) =>
      value === undefined || value === ''
        ? nothing
        : html`<dt class=${part}>${label}</dt>
            <dd class=${mono ? 'mono' : ''}>${value}</dd>`;
    const time = (view: TimeView | undefined) =>
      view &&
      html`${whenText(view.epochSeconds)}, ${relativeText(view.epochSeconds, Math.floor(now), 2)}
        <span class="hint">(<span class="mono">${view.epochSeconds}</span>, ${view.iso})</span>`;
    const policyPart = found.parameters.Policy ? 'Policy' : 'Expires';
    return html`
      ${
        verdict
          ? html`<div class="alert ${verdict.allowed ? 'ok' : 'bad'}" id="verdict" role="status">
              <p class="verdict">
                <strong>${verdict.allowed ? 'Allowed (200)' : `Refused: 403 ${verdict.code}`}</strong>
                ${verdict.message ? html`<span class="mono">&lt;Message&gt;${verdict.message}&lt;/Message&gt;</span>` : nothing}
              </p>
              <p id="verdict-reason">${capitalise(pageWords(verdict.reason))}.</p>
              ${
                findings.assumedKeyPairId && findings.trustedKeyPairId
                  ? html`<p class="hint">
                    Assumed that CloudFront trusts this key under the link’s own key pair ID
                    ${findings.trustedKeyPairId}.
                  </p>`
                  : nothing
              }
              ${
                verdict.wildcardReading
                  ? html`<p class="hint">Wildcard reading of “?”: ${verdict.wildcardReading}.</p>`
                  : nothing
              }
            </div>`
          : html`<p class="alert" id="verdict"><strong>No verdict yet.</strong> ${findings.noVerdict}</p>`
      }
      ${warningList(found.warnings)}
      ${
        this.source === 'url'
          ? outputBlock({
              id: 'inspect-link',
              title: 'The link',
              value: colouredUrl(link),
              text: link,
              what: 'link',
              extra: html`<button type="button" @click=${() => this.#resign(found)}>
                Edit and sign again
              </button>`,
            })
          : html`<p>
              <button type="button" @click=${() => this.#resign(found)}>Edit and sign again</button>
            </p>`
      }
      <dl id="decoded" class="parts">
        <dt>Source</dt>
        <dd>${found.source === 'url' ? 'Signed URL' : 'Signed cookies'}</dd>
        ${row('Unsigned URL', found.unsignedUrl)}
        ${row('Policy type', found.policyType, '', false)}
        ${row('Resource', found.resource)}
        ${row(term(policyPart, 'Expires (DateLessThan)'), time(found.dateLessThan), 'p-expires', false)}
        ${row(term(policyPart, 'Starts (DateGreaterThan)'), time(found.dateGreaterThan), 'p-expires', false)}
        ${row(term(policyPart, 'IP range (IpAddress)'), found.ipAddress, 'p-expires')}
        ${row(term('Hash-Algorithm', 'Hash algorithm'), found.hashAlgorithm, 'p-hash')}
        ${row(term('Key-Pair-Id'), found.keyPairId, 'p-key')}
        ${row(term('Signature'), found.signature, 'p-signature')}
      </dl>
      ${
        found.policy
          ? outputBlock({
              id: 'inspect-policy',
              title:
                found.policyType === 'canned'
                  ? 'Policy (rebuilt from the URL and Expires)'
                  : 'Policy (decoded)',
              value: found.policy,
              what: 'decoded policy',
            })
          : nothing
      }
    `;
  }
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

customElements.define('signet-inspect-view', InspectView);

declare global {
  interface HTMLElementTagNameMap {
    'signet-inspect-view': InspectView;
  }
}
