import { css, html, LitElement, nothing } from 'lit';
import { generateKeyPair, importPrivateKey, type KeyType } from '../core/index.ts';
import './components/batch-view.ts';
import './components/cookies-view.ts';
import './components/inspect-view.ts';
import './components/key-panel.ts';
import './components/setup-view.ts';
import './components/sign-url-view.ts';
import { downloadText } from './lib/download.ts';
import { loadKeyPairId, saveKeyPairId } from './lib/key-pair-id-store.ts';
import { LatestOnly } from './lib/latest.ts';
import { toProblem } from './lib/problem.ts';
import { dragHasFiles, droppedFile, readFileBytes } from './lib/read-file.ts';
import {
  defaultConditions,
  type KeyState,
  type SignetEvents,
  type SigningConditions,
  VIEWS,
  type ViewId,
} from './state.ts';
import { sharedStyles } from './styles/shared.ts';

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
export class SignetApp extends LitElement {
  static override properties = {
    keyState: { state: true },
    conditions: { state: true },
    view: { state: true },
    dragging: { state: true },
    generating: { state: true },
    generateError: { state: true },
  };
  static override styles = [
    sharedStyles,
    css`
      :host {
        --bg: #ffffff;
        --fg: #1b1f24;
        --muted: #505a64;
        --border: #6e7781;
        --border-soft: #d0d7de;
        --surface: #f6f8fa;
        --field: #ffffff;
        --button: #f3f4f6;
        --badge: #dbe7fb;
        --accent: #1d4ed8;
        --accent-fg: #ffffff;
        --link: #1d4ed8;
        --focus: #1d4ed8;
        --error: #b42318;
        --warn: #9a6700;
        --ok: #1a7f37;
        display: block;
        min-height: 100vh;
        background: var(--bg);
        color: var(--fg);
        font-family: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif;
        line-height: 1.45;
      }
      @media (prefers-color-scheme: dark) {
        :host {
          --bg: #0f1419;
          --fg: #e6edf3;
          --muted: #9ba6b2;
          --border: #8b949e;
          --border-soft: #30363d;
          --surface: #161b22;
          --field: #0d1117;
          --button: #21262d;
          --badge: #1f3a68;
          --accent: #4f8ff7;
          --accent-fg: #0b1220;
          --link: #79b8ff;
          --focus: #79b8ff;
          --error: #ff8a80;
          --warn: #e3b341;
          --ok: #56d364;
        }
      }
      .page {
        max-width: 60rem;
        margin: 0 auto;
        padding: 1rem;
      }
      header h1 {
        margin: 0;
        font-size: 1.6rem;
      }
      header p {
        margin: 0.25rem 0 0;
        color: var(--muted);
      }
      section.key {
        margin: 1rem 0;
      }
      [role='tablist'] {
        display: flex;
        flex-wrap: wrap;
        gap: 0.25rem;
        border-bottom: 2px solid var(--border-soft);
        margin: 1.5rem 0 0.5rem;
      }
      [role='tab'] {
        border: 1px solid transparent;
        border-bottom: none;
        border-radius: 6px 6px 0 0;
        background: none;
        padding: 0.5rem 0.8rem;
        margin-bottom: -2px;
        font-weight: 600;
      }
      [role='tab'][aria-selected='true'] {
        border-color: var(--border-soft);
        border-bottom: 3px solid var(--accent);
        background: var(--surface);
      }
      .drop-overlay {
        position: fixed;
        inset: 0;
        display: grid;
        place-items: center;
        pointer-events: none;
        background: color-mix(in srgb, var(--bg) 80%, transparent);
        border: 4px dashed var(--accent);
        font-size: 1.3rem;
        font-weight: 700;
        z-index: 10;
      }
      footer {
        margin-top: 2rem;
        color: var(--muted);
        font-size: 0.85rem;
      }
      @media (forced-colors: active) {
        [role='tab'][aria-selected='true'] {
          border-bottom-color: Highlight;
        }
        .drop-overlay {
          border-color: Highlight;
        }
      }
    `,
  ];

  declare keyState: KeyState;
  declare conditions: SigningConditions;
  declare view: ViewId;
  declare dragging: boolean;
  declare generating: boolean;
  declare generateError: string;
  /** WebCrypto is only given to secure contexts (https, localhost, file:). */
  readonly #cryptoReady = Boolean(window.isSecureContext && globalThis.crypto?.subtle);
  #locked: LockedKey | undefined;
  readonly #importing = new LatestOnly();
  /** The views shown so far. */
  readonly #shown = new Set<ViewId>();
  #dragTimer: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    super();
    this.keyState = { busy: false };
    this.conditions = defaultConditions(loadKeyPairId());
    this.view = 'sign';
    this.dragging = false;
    this.generating = false;
    this.generateError = '';
  }

  protected override willUpdate(): void {
    this.#shown.add(this.view);
  }

  // Marks for the bench (test/bench/page.mjs): views render in microtasks after this one, so the
  // next task sees the whole page in place.
  protected override firstUpdated(): void {
    setTimeout(() => performance.mark('signet:ready'));
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
          this.keyState = { signingKey: outcome.value, origin: name, busy: false };
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
      this.keyState = {
        signingKey: pair.signingKey,
        origin: `a new key generated here (saved as private_key.pem)`,
        busy: false,
      };
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

  async #showView(view: ViewId, focusTab = false): Promise<void> {
    this.view = view;
    if (!focusTab) return;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`#tab-${view}`)?.focus();
  }

  /** Arrow keys, Home and End move between tabs, as the ARIA tabs pattern expects. */
  #onTabKey(event: KeyboardEvent): void {
    const index = VIEWS.findIndex((view) => view.id === this.view);
    const last = VIEWS.length - 1;
    const next =
      event.key === 'ArrowRight'
        ? index === last
          ? 0
          : index + 1
        : event.key === 'ArrowLeft'
          ? index === 0
            ? last
            : index - 1
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? last
              : undefined;
    if (next === undefined) return;
    event.preventDefault();
    void this.#showView((VIEWS[next] as (typeof VIEWS)[number]).id, true);
  }

  override render() {
    if (!this.#cryptoReady) return this.#renderNoCrypto();
    const key = this.keyState.signingKey;
    const on = <K extends keyof SignetEvents>(handler: (event: SignetEvents[K]) => void) => handler;
    return html`<div
      class="page"
      @conditions-change=${on<'conditions-change'>((event) => this.#changeConditions(event.detail))}
      @key-input=${on<'key-input'>((event) => this.#loadKey(event.detail.input, event.detail.name))}
      @key-passphrase=${on<'key-passphrase'>((event) => {
        if (this.#locked) this.#loadKey(this.#locked.input, this.#locked.name, event.detail);
      })}
      @key-forget=${() => this.#forgetKey()}
      @key-generate=${on<'key-generate'>((event) => this.#generate(event.detail))}
      @view-request=${on<'view-request'>((event) => this.#showView(event.detail, true))}
    >
      <header>
        <h1>Signet</h1>
        <p>
          CloudFront signed URLs and cookies, made in this tab. This page cannot make network
          requests.
        </p>
      </header>
      <main>
        <section class="key" aria-labelledby="key-section">
          <h2 class="visually-hidden" id="key-section">Key</h2>
          <signet-key-panel .keyState=${this.keyState}></signet-key-panel>
        </section>
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
        ${this.#panel(
          'sign',
          html`<signet-sign-url-view
            .signingKey=${key}
            .conditions=${this.conditions}
          ></signet-sign-url-view>`,
        )}
        ${this.#panel(
          'cookies',
          html`<signet-cookies-view
            .signingKey=${key}
            .conditions=${this.conditions}
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
      </main>
      <footer>
        <p>
          The private key is imported non-extractable and kept only in this tab’s memory; closing
          or reloading the tab drops it. Only the key pair ID is remembered, if you allow it.
        </p>
      </footer>
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
        This page needs the browser’s Web Cryptography API, which browsers only offer on secure
        pages. It was opened over <strong>${here}</strong>, which is not one, so nothing can be
        signed and no key is read.
      </p>
      <p>Do one of these instead:</p>
      <ul>
        <li>Open the file straight from disk: double-click <code>index.html</code> (a file:// address works).</li>
        <li>Serve it over <strong>https://</strong>, or from <code>http://localhost</code> on the same computer.</li>
        <li>Use a current version of Chrome, Edge, Firefox or Safari.</li>
      </ul>
    </div>`;
  }
}

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
