import { html } from 'lit/html.js';
import { copyText } from '../lib/clipboard.ts';
import { SignetElement } from '../lib/element.ts';
import { sharedStyles } from '../styles/shared.ts';
import { copyButtonStyles } from './copy-button.styles.ts';

/**
 * A Copy button for one output. Shows "Copied" for a moment (and announces it), or says to copy
 * by hand when the browser refuses clipboard access.
 *
 * @property text - what to copy; with `provide`, only whether there is anything (empty disables)
 * @property provide - makes what to copy at the moment of the click, when it counts from then or
 *   costs too much to make on every redraw
 * @property what - what it is, for the accessible name: "Copy signed URL"
 */
export class CopyButton extends SignetElement {
  static override properties = {
    text: '',
    provide: undefined,
    primary: false,
    what: '',
    outcome: 'idle',
  };
  static override styles = [sharedStyles, copyButtonStyles];

  declare text: string;
  declare provide: (() => Promise<string | undefined>) | undefined;
  declare primary: boolean;
  declare what: string;
  declare outcome: 'idle' | 'copied' | 'refused';
  #resetTimer: ReturnType<typeof setTimeout> | undefined;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.#resetTimer);
  }

  async #copy(): Promise<void> {
    const text = this.provide ? await this.provide() : this.text;
    if (text === undefined) return;
    this.outcome = (await copyText(text)) ? 'copied' : 'refused';
    clearTimeout(this.#resetTimer);
    this.#resetTimer = setTimeout(() => {
      this.outcome = 'idle';
    }, 2500);
  }

  override render() {
    const label = this.outcome === 'copied' ? 'Copied' : 'Copy';
    return html`<button
        type="button"
        class=${this.primary ? 'primary' : ''}
        aria-label=${`${label} ${this.what}`}
        ?disabled=${!this.text}
        @click=${this.#copy}
      >
        ${this.outcome === 'copied' ? '✓ Copied' : 'Copy'}
      </button>
      <span class=${this.outcome === 'refused' ? 'error' : 'visually-hidden'} role="status"
        >${
          this.outcome === 'copied'
            ? `Copied ${this.what} to the clipboard.`
            : this.outcome === 'refused'
              ? 'The browser refused the clipboard: select the text and copy it by hand.'
              : ''
        }</span
      >`;
  }
}

customElements.define('signet-copy-button', CopyButton);

declare global {
  interface HTMLElementTagNameMap {
    'signet-copy-button': CopyButton;
  }
}
