import { html, nothing } from 'lit/html.js';
import type { KeyType, SigningKey } from '../../core/index.ts';
import { isKeyPairId } from '../../core/sign/key-pair-id.ts';
import { SignetElement } from '../lib/element.ts';
import { emit } from '../state.ts';
import { sharedStyles } from '../styles/shared.ts';
import { setupViewStyles } from './setup-view.styles.ts';
import './copy-button.ts';
import { choice, field } from './field.ts';
import { downloadPublicKey, outputBlock } from './signed-output.ts';

/**
 * Set up CloudFront: the console steps from key pair to "Restrict viewer access", in the console's
 * own words, with the public key ready to paste and a key pair generated here on request.
 *
 * @fires key-generate - detail: 'RSA' or 'ECDSA'
 * @fires conditions-change - the key pair ID noted from the console
 * @fires view-request - 'sign', to go on to signing
 */
export class SetupView extends SignetElement {
  static override properties = {
    signingKey: undefined,
    keyPairId: '',
    generating: false,
    generateError: '',
    keyType: 'RSA',
  };
  static override styles = [sharedStyles, setupViewStyles];

  declare signingKey: SigningKey | undefined;
  declare keyPairId: string;
  declare generating: boolean;
  declare generateError: string;
  declare keyType: KeyType;

  override render() {
    const key = this.signingKey;
    const c = (text: string) => html`<span class="label">${text}</span>`;
    const radio = (value: KeyType, label: string) =>
      choice({
        type: 'radio',
        name: 'key-type',
        label,
        checked: this.keyType === value,
        onChange: () => {
          this.keyType = value;
        },
      });
    return html`<div class="pane">
      <h2 class="visually-hidden">Set up CloudFront</h2>
      <p class="hint">
        Five steps in the CloudFront console make a behavior accept only signed URLs and cookies.
      </p>
      <ol class="steps">
        <li>
          <h3>Create a key pair</h3>
          <p>
            ${
              key
                ? html`Using the loaded key: <strong>${key.description}</strong>,
                  <span class="mono">${key.publicKey.fingerprint}</span>. Or make a new one:`
                : 'Load an existing private key above, or make a new one here:'
            }
          </p>
          <fieldset>
            <legend>Key type</legend>
            ${radio('RSA', 'RSA 2048-bit (works with every tool)')}
            ${radio('ECDSA', 'ECDSA P-256 (shorter signatures)')}
          </fieldset>
          <p class="row">
            <button
              type="button"
              class=${key ? '' : 'primary'}
              ?disabled=${this.generating}
              aria-describedby="generate-hint"
              @click=${() => emit(this, 'key-generate', this.keyType)}
            >
              ${this.generating ? 'Generating…' : 'Generate key pair'}
            </button>
          </p>
          <p class="hint" id="generate-hint">
            Downloads the private key as private_key.pem (PKCS#8) and loads it${key ? ' in place of the loaded key' : ''}.
            Keep that file safe: it is not stored here.
          </p>
          ${this.generateError ? html`<p class="error" role="alert">${this.generateError}</p>` : nothing}
        </li>
        <li>
          <h3>Create the public key in CloudFront</h3>
          <p>
            Open the CloudFront console, go to ${c('Key management')} › ${c('Public keys')} and
            choose ${c('Create public key')}. Give it a ${c('Name')} (for example
            <span class="mono">signet-public-key</span>), paste this into ${c('Key')}, and choose
            ${c('Create public key')}.
          </p>
          ${
            key
              ? outputBlock({
                  id: 'setup-public-key',
                  title: 'Public key',
                  value: key.publicKey.pem,
                  what: 'public key for CloudFront',
                  extra: downloadPublicKey(key.publicKey.pem),
                })
              : html`<p class="hint">The public key appears here once a key is loaded or generated.</p>`
          }
        </li>
        <li>
          <h3>Note its ID</h3>
          <p>
            The new public key is listed with an ${c('ID')} such as
            <span class="mono">K2JCJMDEHXQW5F</span>. That is the key pair ID every signature
            carries (not the key group’s ID). Enter it here:
          </p>
          ${field({
            id: 'setup-key-pair-id',
            label: 'Key pair ID',
            value: this.keyPairId,
            placeholder: 'K2JCJMDEHXQW5F',
            onInput: (keyPairId) => emit(this, 'conditions-change', { keyPairId }),
          })}
        </li>
        <li>
          <h3>Create a key group</h3>
          <p>
            Go to ${c('Key management')} › ${c('Key groups')} and choose ${c('Create key group')}.
            Give it a ${c('Name')} (for example <span class="mono">my-key-group</span>), select the
            public key under ${c('Public keys')}, and choose ${c('Create key group')}.
          </p>
        </li>
        <li>
          <h3>Restrict viewer access on the behavior</h3>
          <p>
            Go to ${c('Distributions')}, open your distribution, and on the ${c('Behaviors')} tab
            select the behavior and choose ${c('Edit')}. Under
            ${c('Restrict viewer access (use signed URLs or signed cookies)')} choose ${c('Yes')},
            then ${c('Trusted key groups')}, check your key group, and ${c('Save changes')}. The
            change is live once the distribution has deployed.
          </p>
        </li>
      </ol>
      <h3>Test the whole flow on your machine first</h3>
      <p>
        The command-line tool's <span class="mono">signet serve</span> checks signed URLs and
        cookies as CloudFront does, in front of a folder (or <span class="mono">--origin</span> and
        your app's URL), and refuses with CloudFront's own 403. With the public key saved as
        public_key.pem, and your distribution's domain name in place of this one:
      </p>
      ${outputBlock({
        id: 'setup-serve',
        title: 'Command',
        value: `npx -p cloudfront-signet signet serve ./site --trusted-key ${isKeyPairId(this.keyPairId) ? this.keyPairId : 'K2JCJMDEHXQW5F'}=public_key.pem --domain d111111abcdef8.cloudfront.net`,
        what: 'command',
      })}
      <p>
        <button type="button" class="primary" @click=${() => emit(this, 'view-request', 'sign')}>
          Go to Sign a URL
        </button>
      </p>
    </div>`;
  }
}

customElements.define('signet-setup-view', SetupView);

declare global {
  interface HTMLElementTagNameMap {
    'signet-setup-view': SetupView;
  }
}
