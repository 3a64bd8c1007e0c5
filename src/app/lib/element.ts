import { render } from 'lit/html.js';

/**
 * The page's base element: the part of LitElement the page uses, on lit-html alone (LitElement
 * and ReactiveElement cost about 2 KiB of the page's gzipped size budget). Reactive properties
 * named in `static properties` with their first values, one batched update per microtask with willUpdate, firstUpdated and
 * updated, shadow DOM with constructed style sheets, and controllers. No attributes: every value
 * arrives as a property binding.
 */

/** The changed properties of one update and their old values, as Lit passes them. */
export type PropertyValues<_T = unknown> = Map<PropertyKey, unknown>;
/** An element's reactive properties (inputs and internal state alike), each with its first value. */
export type PropertyDeclarations = Readonly<Record<string, unknown>>;
export type Styles = CSSStyleSheet | readonly Styles[];

export interface ReactiveController {
  hostConnected?(): void;
  hostDisconnected?(): void;
}

/** A style sheet from CSS text, shared by every shadow root that adopts it. */
export function css(strings: TemplateStringsArray): CSSStyleSheet {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(strings.join(''));
  return sheet;
}

const FINALIZED = Symbol();

export abstract class SignetElement extends HTMLElement {
  static properties: PropertyDeclarations = {};
  static styles: Styles = [];

  readonly renderRoot: ShadowRoot;
  /** Property values, behind the accessors made from `static properties`. */
  readonly #values = new Map<PropertyKey, unknown>();
  #changed: PropertyValues = new Map();
  #pending = false;
  #connected = false;
  #updated = false;
  #done: Promise<boolean> = Promise.resolve(true);
  readonly #controllers: ReactiveController[] = [];

  constructor() {
    super();
    // Each class in the chain gets accessors for its own properties, once; each element their
    // first values (shared, so never changed in place: state is replaced, not mutated).
    for (
      let type = this.constructor as typeof SignetElement & { [FINALIZED]?: boolean };
      type !== SignetElement;
      type = Object.getPrototypeOf(type)
    ) {
      if (!Object.hasOwn(type, 'properties')) continue;
      const finalized = Object.hasOwn(type, FINALIZED);
      type[FINALIZED] = true;
      for (const [name, value] of Object.entries(type.properties)) {
        if (!finalized) {
          Object.defineProperty(type.prototype, name, {
            get(this: SignetElement) {
              return this.#values.get(name);
            },
            set(this: SignetElement, value: unknown) {
              const old = this.#values.get(name);
              if (Object.is(old, value)) return;
              this.#values.set(name, value);
              if (!this.#changed.has(name)) this.#changed.set(name, old);
              this.requestUpdate();
            },
          });
        }
        (this as unknown as Record<string, unknown>)[name] = value;
      }
    }
    this.renderRoot = this.attachShadow({ mode: 'open' });
    const sheets: CSSStyleSheet[] = [];
    const adopt = (styles: Styles): unknown =>
      styles instanceof CSSStyleSheet ? sheets.push(styles) : styles.forEach(adopt);
    adopt((this.constructor as typeof SignetElement).styles);
    this.renderRoot.adoptedStyleSheets = sheets;
  }

  addController(controller: ReactiveController): void {
    this.#controllers.push(controller);
  }

  connectedCallback(): void {
    this.#connected = true;
    for (const controller of this.#controllers) controller.hostConnected?.();
    this.requestUpdate();
  }

  disconnectedCallback(): void {
    for (const controller of this.#controllers) controller.hostDisconnected?.();
  }

  /** Schedules one update for the next microtask (none before the element is first connected). */
  requestUpdate(): void {
    if (this.#pending || !this.#connected) return;
    this.#pending = true;
    this.#done = Promise.resolve().then(() => {
      this.#update();
      return true;
    });
  }

  /** Resolves once the scheduled update has rendered. */
  get updateComplete(): Promise<boolean> {
    return this.#done;
  }

  #update(): void {
    const changed = this.#changed;
    // Changes made in willUpdate belong to this update; those made in updated to the next.
    try {
      this.willUpdate(changed);
      render(this.render(), this.renderRoot, { host: this });
    } finally {
      this.#changed = new Map();
      this.#pending = false;
    }
    if (!this.#updated) {
      this.#updated = true;
      this.firstUpdated(changed);
    }
    this.updated(changed);
  }

  protected willUpdate(_changed: PropertyValues): void {}
  protected firstUpdated(_changed: PropertyValues): void {}
  protected updated(_changed: PropertyValues): void {}
  protected abstract render(): unknown;
}
