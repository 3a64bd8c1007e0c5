import { html, nothing } from 'lit/html.js';
import { generateKeyPair, importPrivateKey, type KeyType, type SigningKey } from '../core/index.ts';
import { SignetElement } from './lib/element.ts';
import './components/batch-view.ts';
import './components/cookies-view.ts';
import './components/inspect-view.ts';
import './components/key-bar.ts';
import './components/setup-view.ts';
import './components/sign-url-view.ts';
import { isKeyPairId } from '../core/sign/key-pair-id.ts';
import { downloadText } from './lib/download.ts';
import { refusal } from './lib/input-guard.ts';
import { loadKeyPairId, saveKeyPairId } from './lib/key-pair-id-store.ts';
import { LatestOnly } from './lib/latest.ts';
import { toProblem } from './lib/problem.ts';
import { dragHasFiles, droppedFile, readFileBytes } from './lib/read-file.ts';
import { epochToLocalInput, localText, nowSeconds } from './lib/time.ts';
import { appStyles } from './signet-app.styles.ts';
import {
  defaultConditions,
  type KeyState,
  type SignetEvents,
  type SigningConditions,
  type SignRequest,
  VIEWS,
  type ViewId,
} from './state.ts';
import { sharedStyles } from './styles/shared.ts';
import { tokens } from './styles/tokens.ts';

/** An encrypted key waiting for its passphrase: held in memory only, and wiped when done. */
interface LockedKey {
  readonly input: Uint8Array | string;
  readonly name: string;
}

/**
 * The page's root. It owns the state that views share (the key, the conditions, the current
 * view), does the key work (import, unlock, generate, forget) and takes a key file dropped
 * anywhere on the page. Views get state as properties and report back with events.
 */
export class SignetApp extends SignetElement {
  static override properties = {
    keyState: { busy: false },
    conditions: undefined,
    view: 'sign',
    dragging: false,
    generating: false,
    generateError: '',
    draft: undefined,
    refused: '',
  };
  static override styles = [tokens, sharedStyles, appStyles];

  declare keyState: KeyState;
  declare conditions: SigningConditions;
  declare view: ViewId;
  declare dragging: boolean;
  declare generating: boolean;
  declare generateError: string;
  /** A decoded link to sign again, handed to the view it came for. */
  declare draft: SignRequest | undefined;
  /** Why the last paste, drop or keystroke was not taken (input-guard.ts), until the next one. */
  declare refused: string;
  /** WebCrypto is only given to secure contexts (https, localhost, file:). */
  readonly #cryptoReady = Boolean(window.isSecureContext && globalThis.crypto?.subtle);
  #locked: LockedKey | undefined;
  readonly #importing = new LatestOnly();
  /** The views shown so far. */
  readonly #shown = new Set<ViewId>();
  #dragTimer: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    super();
    this.conditions = defaultConditions(loadKeyPairId());
    // Capture: the guard sees every edit in every shadow root before the field's own handler.
    this.addEventListener('beforeinput', this.#guardEdit, true);
    this.addEventListener('input', this.#guardValue, true);
  }

  /** Refuses an edit before it lands: what it inserts, and the length it would make. */
  readonly #guardEdit = (event: InputEvent): void => {
    const field = editedField(event);
    const text = event.data ?? event.dataTransfer?.getData('text/plain') ?? '';
    if (!field || !text) return;
    const selected = (field.selectionEnd ?? 0) - (field.selectionStart ?? 0);
    const message = refusal(
      field.id,
      labelOf(field),
      text,
      field.value.length - selected + text.length,
    );
    if (message) {
      event.preventDefault();
      this.refused = message;
    }
  };

  /** The same rule on the value itself, for edits that came without a beforeinput. */
  readonly #guardValue = (event: Event): void => {
    const field = editedField(event);
    if (!field) return;
    const message = refusal(field.id, labelOf(field), field.value, field.value.length);
    if (message) {
      // Emptied before the field's own input handler reads it, so no state ever holds it.
      field.value = '';
      this.refused = message;
    } else if (this.refused) this.refused = '';
  };

  protected override willUpdate(): void {
    this.#shown.add(this.view);
  }

  // Marks for the bench (test/bench/page.mjs): views render in microtasks after this one, so the
  // next task sees the whole page in place. Then the date formatter, about 15 ms to make, is made
  // while the page is idle, not in a batch's last render.
  protected override firstUpdated(): void {
    setTimeout(() => {
      performance.mark('signet:ready');
      setTimeout(() => localText(0));
    });
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('dragover', this.#onDragOver);
    window.addEventListener('drop', this.#onDrop);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('dragover', this.#onDragOver);
    window.removeEventListener('drop', this.#onDrop);
  }

  // Dropping a file anywhere loads it as the key; without preventDefault the browser would
  // navigate away to the file instead.
  readonly #onDragOver = (event: DragEvent): void => {
    if (!dragHasFiles(event)) return;
    event.preventDefault();
    if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
    this.dragging = true;
    // dragleave fires for every child crossed; a drag that stops sending dragover has left.
    clearTimeout(this.#dragTimer);
    this.#dragTimer = setTimeout(() => {
      this.dragging = false;
    }, 300);
  };

  readonly #onDrop = async (event: DragEvent): Promise<void> => {
    const file = droppedFile(event);
    if (!file) return;
    event.preventDefault();
    if (!this.#cryptoReady) return;
    this.dragging = false;
    this.#loadKey(await readFileBytes(file), file.name);
  };

  #loadKey(input: Uint8Array | string, name: string, passphrase?: string): void {
    this.keyState = { ...this.keyState, busy: true };
    void this.#importing.run(
      () => importPrivateKey(input, passphrase === undefined ? {} : { passphrase }),
      (outcome) => {
        if (outcome.ok) {
          performance.mark('signet:key-imported');
          wipe(this.#locked?.input);
          wipe(input);
          this.#locked = undefined;
          this.#loaded(outcome.value, name);
          return;
        }
        const problem = toProblem(outcome.error);
        const needsPassphrase =
          problem.code === 'ERR_KEY_PASSPHRASE_REQUIRED' ||
          problem.code === 'ERR_KEY_PASSPHRASE_WRONG';
        if (needsPassphrase) {
          // An encrypted key replaces the loaded one: the user has picked a different key.
          if (this.#locked && this.#locked.input !== input) wipe(this.#locked.input);
          this.#locked = { input, name };
          const asked = passphrase !== undefined;
          this.keyState = { lockedName: name, busy: false, ...(asked ? { problem } : {}) };
        } else {
          // A key that cannot be read leaves any loaded key in place, with the reason beside it.
          this.keyState = {
            ...(this.keyState.signingKey
              ? { signingKey: this.keyState.signingKey, origin: this.keyState.origin as string }
              : {}),
            busy: false,
            problem,
          };
        }
      },
    );
  }

  /** A new key in use; the one it replaces is named, so a drop never swaps keys unnoticed. */
  #loaded(signingKey: SigningKey, origin: string): void {
    const before = this.keyState.signingKey;
    // The same key again (pasted twice) replaces nothing.
    const previous =
      before?.publicKey.fingerprint === signingKey.publicKey.fingerprint ? undefined : before;
    this.keyState = {
      signingKey,
      origin,
      busy: false,
      ...(previous ? { replaced: previous } : {}),
    };
  }

  #forgetKey(): void {
    this.#importing.cancel();
    wipe(this.#locked?.input);
    this.#locked = undefined;
    this.keyState = { busy: false };
  }

  async #generate(type: KeyType): Promise<void> {
    this.generating = true;
    this.generateError = '';
    try {
      const pair = await generateKeyPair(type);
      performance.mark('signet:key-imported');
      downloadText('private_key.pem', pair.privateKeyPem, 'application/x-pem-file');
      this.#importing.cancel();
      wipe(this.#locked?.input);
      this.#locked = undefined;
      this.#loaded(pair.signingKey, 'a key pair generated here (saved as private_key.pem)');
    } catch (error) {
      this.generateError = toProblem(error).message;
    } finally {
      this.generating = false;
    }
  }

  #changeConditions(patch: Partial<SigningConditions>): void {
    this.conditions = { ...this.conditions, ...patch };
    if ('keyPairId' in patch || 'rememberKeyPairId' in patch) {
      saveKeyPairId(this.conditions.rememberKeyPairId ? this.conditions.keyPairId.trim() : '');
    }
  }

  /** From Inspect: the link's conditions into the shared ones, its resource into its view. */
  #signAgain(found: SignRequest): void {
    const end = found.dateLessThan?.epochSeconds ?? 0;
    const start = found.dateGreaterThan?.epochSeconds;
    const keyPairId = found.keyPairId ?? '';
    this.#changeConditions({
      // A link's key pair ID is outside text: taken only when it is one.
      ...(isKeyPairId(keyPairId) ? { keyPairId } : {}),
      // An expiry that has passed would sign a dead link: the current choice stays.
      ...(end > nowSeconds()
        ? { expiry: { kind: 'exact', local: epochToLocalInput(end) } as const }
        : {}),
      start: start === undefined ? '' : epochToLocalInput(start),
      ipAddress: found.ipAddress ?? '',
      hashAlgorithm: found.hashAlgorithm ?? '',
    });
    this.draft = found;
    void this.#showView(found.source === 'url' ? 'sign' : 'cookies', true);
  }

  async #showView(view: ViewId, focusTab = false): Promise<void> {
    this.view = view;
    await this.updateComplete;
    const tab = this.renderRoot.querySelector<HTMLElement>(`#tab-${view}`);
    // On a phone the tab bar scrolls sideways: the chosen tab is brought into it.
    tab?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    if (focusTab) tab?.focus();
  }

  /** Arrow keys, Home and End move between tabs, as the ARIA tabs pattern expects. */
  #onTabKey(event: KeyboardEvent): void {
    const count = VIEWS.length;
    const index = VIEWS.findIndex((view) => view.id === this.view);
    // The arrows wrap around: positions are taken modulo the number of tabs.
    const moves: Record<string, number> = {
      ArrowRight: index + 1,
      ArrowLeft: index + count - 1,
      Home: 0,
      End: count - 1,
    };
    const next = moves[event.key];
    if (next === undefined) return;
    event.preventDefault();
    void this.#showView((VIEWS[next % count] as (typeof VIEWS)[number]).id, true);
  }

  override render() {
    if (!this.#cryptoReady) return this.#renderNoCrypto();
    const key = this.keyState.signingKey;
    const on = <K extends keyof SignetEvents>(handler: (event: SignetEvents[K]) => void) => handler;
    return html`<div
      @conditions-change=${on<'conditions-change'>((event) => this.#changeConditions(event.detail))}
      @key-input=${on<'key-input'>((event) => this.#loadKey(event.detail.input, event.detail.name))}
      @key-passphrase=${on<'key-passphrase'>((event) => {
        if (this.#locked) this.#loadKey(this.#locked.input, this.#locked.name, event.detail);
      })}
      @key-forget=${() => this.#forgetKey()}
      @key-generate=${on<'key-generate'>((event) => this.#generate(event.detail))}
      @view-request=${on<'view-request'>((event) => this.#showView(event.detail, true))}
      @sign-request=${on<'sign-request'>((event) => this.#signAgain(event.detail))}
    >
      <header>
        <h1>Signet</h1>
        <div role="tablist" aria-label="What to do" @keydown=${this.#onTabKey}>
          ${VIEWS.map(
            ({ id, label }) => html`<button
              type="button"
              role="tab"
              id=${`tab-${id}`}
              aria-selected=${this.view === id ? 'true' : 'false'}
              aria-controls=${`panel-${id}`}
              tabindex=${this.view === id ? '0' : '-1'}
              @click=${() => this.#showView(id)}
            >
              ${label}
            </button>`,
          )}
        </div>
        <span class="offline badge">Offline<span class="long">: this page cannot make network requests</span></span>
      </header>
      <main class="page">
        <signet-key-bar .keyState=${this.keyState}></signet-key-bar>
        ${this.#panel(
          'sign',
          html`<signet-sign-url-view
            .signingKey=${key}
            .conditions=${this.conditions}
            .draft=${this.draft?.source === 'url' ? this.draft : undefined}
          ></signet-sign-url-view>`,
        )}
        ${this.#panel(
          'cookies',
          html`<signet-cookies-view
            .signingKey=${key}
            .conditions=${this.conditions}
            .draft=${this.draft?.source === 'cookies' ? this.draft : undefined}
          ></signet-cookies-view>`,
        )}
        ${this.#panel(
          'inspect',
          html`<signet-inspect-view
            .signingKey=${key}
            .keyPairId=${this.conditions.keyPairId}
          ></signet-inspect-view>`,
        )}
        ${this.#panel(
          'batch',
          html`<signet-batch-view .signingKey=${key} .conditions=${this.conditions}></signet-batch-view>`,
        )}
        ${this.#panel(
          'setup',
          html`<signet-setup-view
            .signingKey=${key}
            .keyPairId=${this.conditions.keyPairId}
            .generating=${this.generating}
            .generateError=${this.generateError}
          ></signet-setup-view>`,
        )}
        <footer>
          The private key is imported non-extractable and kept only in this tab’s memory; closing
          or reloading the tab drops it. Only the key pair ID is remembered, if you allow it.
        </footer>
      </main>
      ${
        this.refused
          ? html`<p class="alert bad toast" role="alert" id="refused">
            <strong>Not taken.</strong> ${this.refused}
            <button type="button" class="link" @click=${() => {
              this.refused = '';
            }}>Dismiss</button>
          </p>`
          : nothing
      }
      ${
        this.dragging
          ? html`<div class="drop-overlay" aria-hidden="true">Drop the private key file to load it</div>`
          : nothing
      }
    </div>`;
  }

  // A view is first rendered when first shown (the page opens faster), then stays rendered,
  // hidden when not chosen, so each keeps its inputs across tabs.
  #panel(id: ViewId, content: unknown) {
    return html`<div
      role="tabpanel"
      id=${`panel-${id}`}
      aria-labelledby=${`tab-${id}`}
      ?hidden=${this.view !== id}
    >
      ${this.#shown.has(id) ? content : nothing}
    </div>`;
  }

  #renderNoCrypto() {
    const here = location.protocol === 'http:' ? location.host : location.protocol;
    return html`<div class="page" role="alert">
      <h1>Signet cannot sign here</h1>
      <p>
        Browsers give their Web Cryptography API only to secure pages, and this one was opened over
        <strong>${here}</strong>: nothing can be signed and no key is read. Open the file straight
        from disk (double-click index.html), or serve it over https:// or from http://localhost, in
        a current Chrome, Edge, Firefox or Safari.
      </p>
    </div>`;
  }
}

/** The text field an input event is for, looking through shadow roots. */
function editedField(event: Event): HTMLInputElement | HTMLTextAreaElement | undefined {
  const target = event.composedPath()[0];
  return target instanceof HTMLTextAreaElement ||
    (target instanceof HTMLInputElement && /^(text|password|)$/.test(target.type))
    ? target
    : undefined;
}

const labelOf = (field: HTMLInputElement | HTMLTextAreaElement): string =>
  field.labels?.[0]?.textContent?.trim() || 'This field';

/** Overwrites key bytes once they are no longer needed. Strings cannot be wiped in JavaScript. */
function wipe(input: Uint8Array | string | undefined): void {
  if (input instanceof Uint8Array) input.fill(0);
}

customElements.define('signet-app', SignetApp);

declare global {
  interface HTMLElementTagNameMap {
    'signet-app': SignetApp;
  }
}
