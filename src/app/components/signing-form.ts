import { html, type TemplateResult } from 'lit/html.js';
import type { SigningKey, SigningOptions } from '../../core/index.ts';
import {
  type PropertyDeclarations,
  type PropertyValues,
  SignetElement,
  type Styles,
} from '../lib/element.ts';
import { LatestOnly } from '../lib/latest.ts';
import { type Problem, toProblem } from '../lib/problem.ts';
import { Ticker } from '../lib/ticker.ts';
import { nowSeconds } from '../lib/time.ts';
import {
  defaultConditions,
  EXPIRY_PRESETS,
  type SigningConditions,
  type SignRequest,
  toSigningOptions,
} from '../state.ts';
import { sharedStyles } from '../styles/shared.ts';
import type { PolicyFacts } from './signed-output.ts';

/** The conditions' options, which every signing form shows through <signet-conditions-fields>. */
const CONDITION_FIELDS = [
  'keyPairId',
  'dateLessThan',
  'dateGreaterThan',
  'ipAddress',
  'hashAlgorithm',
];

/** A result shown longer than this with a quick expiry is signed again, so it never drifts far. */
const REFRESH_SECONDS = 60;

/**
 * What the signed URL and signed cookies forms share: the key and conditions from the page, an
 * output remade whenever an input changes (newest result only), and the workbench around it.
 * A quick expiry ("1 hour") counts from the moment the result is copied or opened: `fresh()`
 * signs again at that moment.
 */
export abstract class SigningForm<Signed extends PolicyFacts> extends SignetElement {
  static override properties: PropertyDeclarations = {
    signingKey: undefined,
    conditions: defaultConditions(''),
    draft: undefined,
    signed: undefined,
    problem: undefined,
    note: '',
  };
  static override styles: Styles = sharedStyles;

  declare signingKey: SigningKey | undefined;
  declare conditions: SigningConditions;
  /** A decoded link to sign again, from Inspect: its resource goes into this form. */
  declare draft: SignRequest | undefined;
  declare signed: Signed | undefined;
  declare problem: Problem | undefined;
  /** Says where the inputs came from, until the next edit. */
  declare note: string;
  /** The key that made `signed`, which can lag behind `signingKey` while a new key signs. */
  protected signedWith: SigningKey | undefined;
  /** When `signed` was made, in epoch seconds. */
  #signedAt = 0;
  readonly #signing = new LatestOnly();

  /** The form's own properties that change the output. */
  protected abstract readonly inputs: readonly string[];
  /** Options this form has fields for (besides the conditions), so errors show at the field. */
  protected abstract readonly fields: readonly string[];
  /** What to ask for while the form's main input is empty ('' when it is filled). */
  protected abstract prompt(): string;
  protected abstract sign(options: SigningOptions): Promise<Signed>;
  /** Takes the resource of a decoded link into the form's own inputs. */
  protected abstract applyDraft(draft: SignRequest): void;

  constructor() {
    super();
    new Ticker(this);
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('draft') && this.draft) {
      this.applyDraft(this.draft);
      const passed = (this.draft.dateLessThan?.epochSeconds ?? 0) <= nowSeconds();
      this.note = `The link’s resource and conditions are loaded from Inspect${passed ? '; its expiry has passed, so the expiry is left as it was' : ''}. Sign it again as it is, or change it first.`;
    } else if (this.inputs.some((name) => changed.has(name)) && this.note) this.note = '';
    if (
      ['signingKey', 'conditions', ...this.inputs].some((name) => changed.has(name)) ||
      (this.preset() && this.signed && nowSeconds() - this.#signedAt >= REFRESH_SECONDS)
    )
      this.#resign();
  }

  /** The quick expiry's name ("1 hour"), or undefined for an exact time. */
  protected preset(): string | undefined {
    const { expiry } = this.conditions;
    if (expiry.kind !== 'preset') return undefined;
    return EXPIRY_PRESETS.find((choice) => choice.seconds === expiry.seconds)?.label;
  }

  /** What is still missing before anything can be signed, in the order the form asks for it. */
  #missing(): string | undefined {
    return (
      this.prompt() ||
      (!this.signingKey ? 'Load the private key above to sign.' : '') ||
      (!this.conditions.keyPairId.trim() ? 'Enter the key pair ID.' : '') ||
      undefined
    );
  }

  #resign(): void {
    const key = this.signingKey;
    if (this.#missing() || !key) {
      this.#signing.cancel();
      return;
    }
    const now = nowSeconds();
    void this.#signing.run(
      () => this.sign(toSigningOptions(this.conditions, key, now)),
      (outcome) => {
        this.signedWith = key;
        this.#signedAt = now;
        this.signed = outcome.ok ? outcome.value : undefined;
        this.problem = outcome.ok ? undefined : toProblem(outcome.error);
      },
    );
  }

  /**
   * The result as it must be copied or opened now: signed again when a quick expiry has moved
   * on since it was made, so "1 hour" means an hour from this click.
   */
  protected async fresh(): Promise<Signed | undefined> {
    const key = this.signingKey;
    const now = nowSeconds();
    if (!key || !this.signed || !this.preset() || now === this.#signedAt) return this.signed;
    this.#signing.cancel();
    const signed = await this.sign(toSigningOptions(this.conditions, key, now));
    this.signedWith = key;
    this.#signedAt = now;
    this.signed = signed;
    return signed;
  }

  /**
   * The conditions' fields, with the error when it belongs to one of them, and the view's own
   * optional field (`more`, called `name`, for option `option`) among "More conditions".
   */
  protected conditionsFields(more?: {
    name: string;
    option: string;
    value: string;
    field: TemplateResult;
  }): TemplateResult {
    return html`<signet-conditions-fields
      .conditions=${this.conditions}
      .problem=${this.problem}
      .keyType=${this.signingKey?.type}
      .extra=${more && { name: more.name, set: Boolean(more.value.trim()), field: more.option }}
      >${more ? html`<div slot="more">${more.field}</div>` : ''}</signet-conditions-fields
    >`;
  }

  /** The workbench: the inputs, and beside them the result, which stays in view. */
  protected bench(title: string, inputs: TemplateResult, result: TemplateResult): TemplateResult {
    return html`<h2 class="visually-hidden">${title}</h2>
      <div class="bench">
        <section class="pane" aria-label="Inputs">
          ${this.note ? html`<p class="alert" id="draft-note" role="status">${this.note}</p>` : ''}
          ${inputs}
        </section>
        <section class="pane result" aria-label="Result">${result}</section>
      </div>`;
  }

  /** Why there is no output yet, under the id `statusId`; undefined once signed. */
  protected status(statusId: string): TemplateResult | undefined {
    const waiting = this.#missing();
    if (waiting)
      return html`<div class="empty">
        <strong>Nothing signed yet</strong>
        <p class="hint" id=${statusId}>${waiting}</p>
      </div>`;
    const { signed, problem } = this;
    if (signed) return undefined;
    if (!problem) return html`<p class="hint" id=${statusId}>Signing…</p>`;
    const atField = [...this.fields, ...CONDITION_FIELDS].includes(problem.field ?? '');
    return html`<p class="alert bad" id=${statusId}>
      <strong>Not signed.</strong>
      ${atField ? 'See the message at the highlighted field.' : problem.message}
    </p>`;
  }
}
