import { html, nothing } from 'lit/html.js';
import { SignetElement } from '../lib/element.ts';
import { Ticker } from '../lib/ticker.ts';
import { epochToLocalInput, nowSeconds, relativeText, whenText } from '../lib/time.ts';
import { EXPIRY_PRESETS, type Expiry, expiryEpoch } from '../state.ts';
import { sharedStyles } from '../styles/shared.ts';
import { choice, typedDateTime } from './field.ts';

/**
 * The expiry (DateLessThan): quick choices counted from the moment the result is copied or
 * opened, or an exact local date and time, shown back in local time and UTC with its countdown.
 *
 * @fires expiry-change - detail: the new Expiry
 */
export class ExpiryInput extends SignetElement {
  static override properties = { expiry: { kind: 'preset', seconds: 3600 }, error: '' };
  static override styles = sharedStyles;

  declare expiry: Expiry;
  declare error: string;

  constructor() {
    super();
    new Ticker(this);
  }

  #change(expiry: Expiry): void {
    this.dispatchEvent(new CustomEvent('expiry-change', { detail: expiry }));
  }

  #choose(value: string): void {
    if (value === 'exact') {
      // Start the exact time where the quick choice pointed, so switching loses nothing.
      const at = expiryEpoch(this.expiry) ?? nowSeconds() + 3600;
      this.#change({ kind: 'exact', local: epochToLocalInput(at) });
    } else {
      this.#change({ kind: 'preset', seconds: Number(value) });
    }
  }

  override render() {
    const { expiry } = this;
    const at = expiryEpoch(expiry);
    const describedBy = ['expiry-when', this.error ? 'expiry-error' : ''].filter(Boolean).join(' ');
    const radio = (value: string, label: string, checked: boolean) =>
      choice({
        type: 'radio',
        name: 'expiry',
        label,
        checked,
        onChange: () => this.#choose(value),
      });
    return html`<fieldset aria-describedby=${describedBy}>
      <legend>Expires (DateLessThan)</legend>
      <div class="seg">
        ${EXPIRY_PRESETS.map(({ label, seconds }) =>
          radio(String(seconds), label, expiry.kind === 'preset' && expiry.seconds === seconds),
        )}
        ${radio('exact', 'Exact time', expiry.kind === 'exact')}
      </div>
      ${
        expiry.kind === 'exact'
          ? html`<div class="field exact">
            <label for="expiry-exact">Expiry date and time (your local time)</label>
            <input
              id="expiry-exact"
              type="datetime-local"
              step="1"
              .value=${expiry.local}
              aria-invalid=${this.error ? 'true' : 'false'}
              aria-describedby=${describedBy}
              @input=${(event: Event) => {
                const local = typedDateTime(event);
                if (local !== undefined) this.#change({ kind: 'exact', local });
              }}
            />
          </div>`
          : nothing
      }
      <p class="hint" id="expiry-when">
        ${
          expiry.kind === 'preset'
            ? 'Counted from the moment you copy or open the result.'
            : at === undefined
              ? 'Pick a date and time.'
              : `${whenText(at)}, ${relativeText(at, nowSeconds(), 2)}.`
        }
      </p>
      ${this.error ? html`<p class="error" id="expiry-error">${this.error}</p>` : nothing}
    </fieldset>`;
  }
}

customElements.define('signet-expiry-input', ExpiryInput);

declare global {
  interface HTMLElementTagNameMap {
    'signet-expiry-input': ExpiryInput;
  }
}
