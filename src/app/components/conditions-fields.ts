import { html, nothing } from 'lit/html.js';
import type { KeyType } from '../../core/index.ts';
import { type PropertyValues, SignetElement } from '../lib/element.ts';
import { messageFor, type Problem } from '../lib/problem.ts';
import { localInputToEpoch, whenText } from '../lib/time.ts';
import { defaultConditions, type Expiry, emit, type SigningConditions } from '../state.ts';
import { sharedStyles } from '../styles/shared.ts';
import { conditionsFieldsStyles } from './conditions-fields.styles.ts';
import { choice, field, typedDateTime } from './field.ts';
import './expiry-input.ts';

/** The optional conditions, by option name, as the "More conditions" summary names them. */
const OPTIONAL: readonly [keyof SigningConditions | 'extra', string][] = [
  ['start', 'start time'],
  ['ipAddress', 'IP range'],
  ['hashAlgorithm', 'hash'],
];

/**
 * The policy conditions that signed URLs, signed cookies and batches share: key pair ID and
 * expiry, then the optional ones (start time, IP range, hash algorithm, and whatever the view
 * slots in as "more") behind "More conditions", which names those that are set while closed.
 *
 * @fires conditions-change - detail: the changed fields (Partial<SigningConditions>)
 * @slot more - the view's own optional fields (the policy resource)
 */
export class ConditionsFields extends SignetElement {
  static override properties = {
    conditions: defaultConditions(''),
    problem: undefined,
    keyType: undefined,
    extra: undefined,
    open: false,
  };
  static override styles = [sharedStyles, conditionsFieldsStyles];

  declare conditions: SigningConditions;
  /** The last signing error; shown here when its field is one of these conditions. */
  declare problem: Problem | undefined;
  /** The loaded key's type, to name the default hash. */
  declare keyType: KeyType | undefined;
  /** The slotted fields: their name, and whether one is set. */
  declare extra:
    | { readonly name: string; readonly set: boolean; readonly field: string }
    | undefined;
  declare open: boolean;

  protected override willUpdate(changed: PropertyValues<this>): void {
    // An error inside "More conditions" must be seen: open it.
    const inside = ['dateGreaterThan', 'ipAddress', 'hashAlgorithm', this.extra?.field];
    if (changed.has('problem') && inside.includes(this.problem?.field)) this.open = true;
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
    const set = OPTIONAL.filter(([name]) => conditions[name as keyof SigningConditions])
      .map(([, label]) => label)
      .concat(this.extra?.set ? [this.extra.name] : []);
    return html`
      ${field({
        id: 'key-pair-id',
        label: 'Key pair ID',
        value: conditions.keyPairId,
        hint: 'Your public key’s ID in CloudFront, starting with K.',
        error: messageFor(problem, 'keyPairId'),
        placeholder: 'K2JCJMDEHXQW5F',
        onInput: (keyPairId) => this.#change({ keyPairId }),
      })}
      <p class="remember">
        ${choice({
          type: 'checkbox',
          label: 'Remember the key pair ID on this computer',
          checked: conditions.rememberKeyPairId,
          onChange: (rememberKeyPairId) => this.#change({ rememberKeyPairId }),
        })}
      </p>
      <signet-expiry-input
        .expiry=${conditions.expiry}
        .error=${messageFor(problem, 'dateLessThan') ?? ''}
        @expiry-change=${(event: CustomEvent<Expiry>) => this.#change({ expiry: event.detail })}
      ></signet-expiry-input>
      <details
        .open=${this.open}
        @toggle=${(event: Event) => {
          this.open = (event.target as HTMLDetailsElement).open;
        }}
      >
        <summary>
          More conditions${set.length ? html`: <span class="badge">${set.join(', ')} set</span>` : nothing}
        </summary>
        <slot name="more"></slot>
        <div class="grid">
          ${field({
            id: 'ip-address',
            label: 'Viewer IP range (IpAddress, optional)',
            value: conditions.ipAddress,
            hint: 'One IPv4 address or CIDR range.',
            error: messageFor(problem, 'ipAddress'),
            placeholder: '192.0.2.0/24',
            onInput: (ipAddress) => this.#change({ ipAddress }),
          })}
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
            <p class="hint" id="hash-hint">CloudFront takes SHA256 since 2026-04.</p>
            ${hashError ? html`<p class="error" id="hash-error">${hashError}</p>` : nothing}
          </div>
        </div>
        <div class="field">
          <label for="start">Starts (DateGreaterThan, optional, your local time)</label>
          <div class="row">
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
            ${start === undefined ? 'None: usable at once.' : whenText(start)}
          </p>
          ${startError ? html`<p class="error" id="start-error">${startError}</p>` : nothing}
        </div>
      </details>
    `;
  }
}

customElements.define('signet-conditions-fields', ConditionsFields);

declare global {
  interface HTMLElementTagNameMap {
    'signet-conditions-fields': ConditionsFields;
  }
}
