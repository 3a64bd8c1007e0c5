import { html, nothing, type TemplateResult } from 'lit';
import type { SignetWarning } from '../../core/index.ts';
import { downloadText } from '../lib/download.ts';
import { localText, nowSeconds, relativeText, utcText } from '../lib/time.ts';
import './copy-button.ts';

/**
 * Pieces that signed URLs and signed cookies show alike: a copyable output block, the policy
 * with why it is canned or custom, and warnings. Templates, so IDs stay in the view's own root.
 */

export function outputBlock(options: {
  id: string;
  title: string;
  value: string;
  what: string;
  extra?: TemplateResult;
}): TemplateResult {
  return html`<div class="output">
    <div class="output-head">
      <h3 id=${`${options.id}-heading`}>${options.title}</h3>
      <div class="row">
        <signet-copy-button .text=${options.value} what=${options.what}></signet-copy-button>
        ${options.extra ?? nothing}
      </div>
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
  readonly warnings: readonly SignetWarning[];
}

export function policySummary(facts: PolicyFacts, idPrefix: string): TemplateResult {
  const now = nowSeconds();
  return html`
    <p id=${`${idPrefix}-policy-type`}>
      <span class="badge">${facts.policyType === 'canned' ? 'Canned policy' : 'Custom policy'}</span>
      ${capitalise(facts.why.replace(/^(canned|custom): /, ''))}.
    </p>
    <p>
      Expires ${localText(facts.dateLessThan)} (UTC
      <span class="mono">${utcText(facts.dateLessThan)}</span>, ${relativeText(facts.dateLessThan, now)})${
        facts.dateGreaterThan === undefined
          ? nothing
          : html`; usable after ${localText(facts.dateGreaterThan)} (UTC
            <span class="mono">${utcText(facts.dateGreaterThan)}</span>)`
      }${facts.ipAddress ? html`; only from ${facts.ipAddress}` : nothing}; hash
      ${facts.hashAlgorithm}.
    </p>
    ${warningList(facts.warnings)}
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
  `;
}

export function warningList(
  warnings: readonly { message: string }[],
): TemplateResult | typeof nothing {
  if (!warnings.length) return nothing;
  return html`<ul class="notice warn plain">
    ${warnings.map((warning) => html`<li>${warning.message}</li>`)}
  </ul>`;
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
