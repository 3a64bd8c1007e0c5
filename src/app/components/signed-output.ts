import { html, nothing, type TemplateResult } from 'lit/html.js';
import type { SignetWarning } from '../../core/index.ts';
import { downloadText } from '../lib/download.ts';
import { pageWords } from '../lib/problem.ts';
import { nowSeconds, relativeText, whenText } from '../lib/time.ts';
import './copy-button.ts';

/**
 * Pieces that signed URLs, signed cookies and Inspect show alike: an output with its toolbar,
 * the status above it, a signed URL in coloured parts with their meaning, and the policy.
 * Templates, so IDs stay in the view's own root.
 */

/** A copyable output: title and actions in a toolbar above the value (CyberChef's output pane). */
export function outputBlock(options: {
  id: string;
  title: string;
  value: string | TemplateResult;
  /** What Copy copies, when `value` is not plain text. */
  text?: string;
  what: string;
  /** What Copy copies when it must be made at that moment (a result that counts from now). */
  provide?: () => Promise<string | undefined>;
  /** The view's main output: its Copy is the primary button. */
  primary?: boolean;
  extra?: TemplateResult;
}): TemplateResult {
  const text = options.text ?? String(options.value);
  return html`<div class="output">
    <div class="toolbar">
      <h3 id=${`${options.id}-heading`}>${options.title}</h3>
      <span class="hint">${text.length.toLocaleString('en-US')} characters</span>
      <signet-copy-button
        .text=${text}
        .provide=${options.provide}
        .primary=${Boolean(options.primary)}
        .what=${options.what}
      ></signet-copy-button>
      ${options.extra ?? nothing}
    </div>
    <pre class="value" id=${options.id}>${options.value}</pre>
  </div>`;
}

/** Saves the public key as public_key.pem, the file the CloudFront console asks for. */
export function downloadPublicKey(pem: string): TemplateResult {
  return html`<button
    type="button"
    @click=${() => downloadText('public_key.pem', pem, 'application/x-pem-file')}
  >
    Download public_key.pem
  </button>`;
}

export interface PolicyFacts {
  readonly policyType: 'canned' | 'custom';
  readonly why: string;
  readonly policy: string;
  readonly resource: string;
  readonly dateLessThan: number;
  readonly dateGreaterThan?: number;
  readonly ipAddress?: string;
  readonly hashAlgorithm: string;
  readonly keyPairId: string;
  readonly warnings: readonly SignetWarning[];
}

/**
 * The status above the Copy button, redrawn every second: ready with its countdown, or a time
 * that has passed (or not yet come), said before anything is copied. `preset` names a quick
 * expiry, which counts from the moment of copying instead.
 */
export function resultStatus(facts: PolicyFacts, what: string, preset?: string): TemplateResult {
  const now = nowSeconds();
  const end = facts.dateLessThan;
  const start = facts.dateGreaterThan ?? 0;
  const [type, title, line] =
    end <= now && !preset
      ? [
          'bad',
          `Expired ${relativeText(end, now)}.`,
          `It ended ${whenText(end)}; CloudFront refuses it with 403. Choose a later expiry.`,
        ]
      : start > now
        ? [
            'warn',
            'Not usable yet.',
            `It starts ${whenText(start)}, ${relativeText(start, now, 2)}; CloudFront refuses it before then.`,
          ]
        : [
            'ok',
            `${what} ready (${facts.policyType} policy).`,
            `Expires ${preset ? `${preset} after you copy or open it` : `${relativeText(end, now, 2)}, ${whenText(end)}`}.`,
          ];
  // Announced once per change of state, not with every tick of the countdown.
  return html`<p class="visually-hidden" role="status">${title.startsWith('Exp') ? 'Expired.' : title}</p>
    <p class="alert ${type}" id="result-status"><strong>${title}</strong> ${line}</p>
    ${warningList(facts.warnings.filter((warning) => warning.code !== 'ALREADY_EXPIRED'))}`;
}

/** The signing parameters' parts, by query parameter or cookie name (Expires and Policy share). */
const PARTS: Readonly<Record<string, string>> = {
  Expires: 'expires',
  Policy: 'expires',
  Signature: 'signature',
  'Key-Pair-Id': 'key',
  'Hash-Algorithm': 'hash',
};

export const partOf = (name: string): string | undefined => PARTS[name.replace(/^CloudFront-/, '')];

/** A piece of a signed URL, with where it sits in the text (to select it in an input). */
export interface UrlPart {
  readonly text: string;
  readonly start: number;
  readonly part?: string;
  readonly name?: string;
}

/** Splits a signed URL into the resource and each signing parameter, in order. */
export function splitUrl(url: string): UrlPart[] {
  const query = url.indexOf('?');
  if (query < 0) return [{ text: url, start: 0 }];
  const parts: UrlPart[] = [];
  const push = (text: string, start: number, name = '') => {
    const part = PARTS[name];
    const last = parts.at(-1);
    if (part) parts.push({ text, start, part, name });
    else if (last && !last.part)
      parts[parts.length - 1] = { text: last.text + text, start: last.start };
    else parts.push({ text, start });
  };
  push(url.slice(0, query + 1), 0);
  let position = query + 1;
  url
    .slice(position)
    .split('&')
    .forEach((piece, index) => {
      if (index) push('&', position - 1);
      push(piece, position, piece.split('=', 1)[0]);
      position += piece.length + 1;
    });
  return parts;
}

/** The URL with each signing parameter in its part's colour. */
export function colouredUrl(url: string): TemplateResult {
  return html`${splitUrl(url).map(({ text, part }) =>
    part ? html`<span class=${`p-${part}`}>${text}</span>` : text,
  )}`;
}

/** What each part of a signed URL or cookie means, in its colour: the legend under the output. */
export function partsLegend(
  facts: PolicyFacts,
  signatureText: string,
  term: (name: string, part: string) => unknown = (name) => name,
): TemplateResult {
  const row = (name: string, part: string, meaning: unknown) =>
    html`<dt class=${`p-${part}`}>${term(name, part)}</dt>
      <dd>${meaning}</dd>`;
  return html`<dl class="parts" id="parts">
    <dt>Resource</dt>
    <dd class="mono">${facts.resource}</dd>
    ${
      facts.policyType === 'canned'
        ? row('Expires', 'expires', whenText(facts.dateLessThan))
        : row('Policy', 'expires', `The policy below in base64: ${conditionsText(facts)}.`)
    }
    ${row('Signature', 'signature', signatureText)}
    ${row('Key-Pair-Id', 'key', html`<span class="mono">${facts.keyPairId}</span>: the public key CloudFront checks the signature with.`)}
    ${
      facts.hashAlgorithm === 'SHA256'
        ? row('Hash-Algorithm', 'hash', 'SHA256; without it CloudFront assumes SHA1.')
        : nothing
    }
  </dl>`;
}

function conditionsText(facts: PolicyFacts): string {
  return [
    `expires ${whenText(facts.dateLessThan)}`,
    facts.dateGreaterThan === undefined ? '' : `starts ${whenText(facts.dateGreaterThan)}`,
    facts.ipAddress ? `only from ${facts.ipAddress}` : '',
  ]
    .filter(Boolean)
    .join('; ');
}

/** The policy that was signed, with why it is canned or custom. */
export function policyDetails(facts: PolicyFacts, idPrefix: string): TemplateResult {
  return html`<details>
    <summary id=${`${idPrefix}-policy-type`}>
      ${facts.policyType === 'canned' ? 'Canned policy' : 'Custom policy'}:
      <span>${facts.why.replace(/^(canned|custom): /, '')}</span>
    </summary>
    ${outputBlock({
      id: `${idPrefix}-policy`,
      title: 'Policy (the exact bytes signed)',
      value: facts.policy,
      what: 'policy',
    })}
    ${
      facts.policyType === 'canned'
        ? html`<p class="hint">
          A canned policy is not sent: CloudFront rebuilds these bytes from the request and the
          expiry, so the URL must be requested exactly as signed.
        </p>`
        : nothing
    }
  </details>`;
}

export function warningList(
  warnings: readonly { message: string }[],
): TemplateResult | typeof nothing {
  if (!warnings.length) return nothing;
  return html`${warnings.map(
    (warning) =>
      html`<p class="alert warn"><strong>Note:</strong> ${pageWords(warning.message)}</p>`,
  )}`;
}
