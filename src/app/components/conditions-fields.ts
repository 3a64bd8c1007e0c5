import { html, LitElement, nothing } from 'lit';
import type { KeyType } from '../../core/index.ts';
import { messageFor, type Problem } from '../lib/problem.ts';
import { localInputToEpoch, localText, utcText } from '../lib/time.ts';
import { defaultConditions, type Expiry, emit, type SigningConditions } from '../state.ts';
import { sharedStyles } from '../styles/shared.ts';
import { choice, field, typedDateTime } from './field.ts';
import './expiry-input.ts';

/**
 * The policy conditions that signed URLs, signed cookies and batches share: key pair ID, expiry,
 * optional start time, IP range and hash algorithm. Each view shows the same values.
 *
 * @fires conditions-change - detail: the changed fields (Partial<SigningConditions>)
 */
export class ConditionsFields extends LitElement {
  static override properties = {
    conditions: { attribute: false },
    problem: { attribute: false },
    keyType: { attribute: false },
  };
  static override styles = sharedStyles;

  declare conditions: SigningConditions;
  /** The last signing error; shown here when its field is one of these conditions. */
  declare problem: Problem | undefined;
  /** The loaded key's type, to name the default hash. */
  declare keyType: KeyType | undefined;

  constructor() {
    super();
    this.conditions = defaultConditions('');
    this.problem = undefined;
    this.keyType = undefined;
  }

  #change(patch: Partial<SigningConditions>): void {
    emit(this, 'conditions-change', patch);
  }

  override render() {
    const { conditions, problem } = this;
    const startError = messageFor(problem, 'dateGreaterThan');
    const hashError = messageFor(problem, 'hashAlgorithm');
    const start = localInputToEpoch(conditions.start);
    const hashDefault = this.keyType === 'ECDSA' ? 'SHA256' : 'SHA1';
    return html`
      <div class="grid">
        <div>
          ${field({
            id: 'key-pair-id',
            label: 'Key pair ID',
            value: conditions.keyPairId,
            hint: 'The ID of your public key in CloudFront (Key management > Public keys), starting with K.',
            error: messageFor(problem, 'keyPairId'),
            placeholder: 'K2JCJMDEHXQW5F',
            onInput: (keyPairId) => this.#change({ keyPairId }),
          })}
          ${choice({
            type: 'checkbox',
            label: 'Remember the key pair ID on this computer',
            checked: conditions.rememberKeyPairId,
            onChange: (rememberKeyPairId) => this.#change({ rememberKeyPairId }),
          })}
        </div>
        ${field({
          id: 'ip-address',
          label: 'Viewer IP range (IpAddress, optional)',
          value: conditions.ipAddress,
          hint: 'One IPv4 address or CIDR range; CloudFront does not check IPv6 here.',
          error: messageFor(problem, 'ipAddress'),
          placeholder: '192.0.2.0/24',
          onInput: (ipAddress) => this.#change({ ipAddress }),
        })}
      </div>
      <signet-expiry-input
        .expiry=${conditions.expiry}
        .error=${messageFor(problem, 'dateLessThan') ?? ''}
        @expiry-change=${(event: CustomEvent<Expiry>) => this.#change({ expiry: event.detail })}
      ></signet-expiry-input>
      <div class="grid">
        <div class="field">
          <label for="start">Starts (DateGreaterThan, optional, your local time)</label>
          <div class="row nowrap">
            <input
              id="start"
              type="datetime-local"
              step="1"
              .value=${conditions.start}
              aria-invalid=${startError ? 'true' : 'false'}
              aria-describedby=${startError ? 'start-when start-error' : 'start-when'}
              @input=${(event: Event) => {
                const start = typedDateTime(event);
                if (start !== undefined) this.#change({ start });
              }}
            />
            <button
              type="button"
              ?disabled=${!conditions.start}
              @click=${() => this.#change({ start: '' })}
            >
              Clear start
            </button>
          </div>
          <p class="hint" id="start-when">
            ${
              start === undefined
                ? 'None: usable at once. A start time makes the policy custom.'
                : html`${localText(start)} · UTC <span class="mono">${utcText(start)}</span>`
            }
          </p>
          ${startError ? html`<p class="error" id="start-error">${startError}</p>` : nothing}
        </div>
        <div class="field">
          <label for="hash-algorithm">Hash algorithm</label>
          <select
            id="hash-algorithm"
            .value=${conditions.hashAlgorithm}
            aria-invalid=${hashError ? 'true' : 'false'}
            aria-describedby="hash-hint${hashError ? ' hash-error' : ''}"
            @change=${(event: Event) =>
              this.#change({
                hashAlgorithm: (event.target as HTMLSelectElement)
                  .value as SigningConditions['hashAlgorithm'],
              })}
          >
            <option value="">Default for the key (${hashDefault})</option>
            <option value="SHA1">SHA1</option>
            <option value="SHA256">SHA256 (adds Hash-Algorithm=SHA256)</option>
          </select>
          <p class="hint" id="hash-hint">SHA1 is CloudFront's default; SHA256 is accepted since 2026-04.</p>
          ${hashError ? html`<p class="error" id="hash-error">${hashError}</p>` : nothing}
        </div>
      </div>
    `;
  }
}

customElements.define('signet-conditions-fields', ConditionsFields);

declare global {
  interface HTMLElementTagNameMap {
    'signet-conditions-fields': ConditionsFields;
  }
}
