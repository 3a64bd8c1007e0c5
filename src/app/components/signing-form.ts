import {
  type CSSResultGroup,
  html,
  LitElement,
  type PropertyDeclarations,
  type PropertyValues,
  type TemplateResult,
} from 'lit';
import type { SigningKey, SigningOptions } from '../../core/index.ts';
import { LatestOnly } from '../lib/latest.ts';
import { type Problem, toProblem } from '../lib/problem.ts';
import { defaultConditions, type SigningConditions, toSigningOptions } from '../state.ts';
import { sharedStyles } from '../styles/shared.ts';

/** The conditions' options, which every signing form shows through <signet-conditions-fields>. */
const CONDITION_FIELDS = [
  'keyPairId',
  'dateLessThan',
  'dateGreaterThan',
  'ipAddress',
  'hashAlgorithm',
];

/**
 * What the signed URL and signed cookies forms share: the key and conditions from the page, and
 * an output that is remade whenever an input changes, newest result only.
 */
export abstract class SigningForm<Signed> extends LitElement {
  static override properties: PropertyDeclarations = {
    signingKey: { attribute: false },
    conditions: { attribute: false },
    signed: { state: true },
    problem: { state: true },
  };
  static override styles: CSSResultGroup = sharedStyles;

  declare signingKey: SigningKey | undefined;
  declare conditions: SigningConditions;
  declare signed: Signed | undefined;
  declare problem: Problem | undefined;
  /** The key that made `signed`, which can lag behind `signingKey` while a new key signs. */
  protected signedWith: SigningKey | undefined;
  readonly #signing = new LatestOnly();

  /** The form's own properties that change the output. */
  protected abstract readonly inputs: readonly string[];
  /** Options this form has fields for (besides the conditions), so errors show at the field. */
  protected abstract readonly fields: readonly string[];
  /** What to ask for while the form's main input is empty ('' when it is filled). */
  protected abstract prompt(): string;
  protected abstract sign(options: SigningOptions): Promise<Signed>;

  constructor() {
    super();
    this.signingKey = undefined;
    this.conditions = defaultConditions('');
    this.signed = undefined;
    this.problem = undefined;
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (['signingKey', 'conditions', ...this.inputs].some((name) => changed.has(name)))
      this.#resign();
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
      this.signed = undefined;
      this.problem = undefined;
      return;
    }
    void this.#signing.run(
      () => this.sign(toSigningOptions(this.conditions, key)),
      (outcome) => {
        this.signedWith = key;
        this.signed = outcome.ok ? outcome.value : undefined;
        this.problem = outcome.ok ? undefined : toProblem(outcome.error);
      },
    );
  }

  /** The conditions' fields, with the error when it belongs to one of them. */
  protected conditionsFields(): TemplateResult {
    return html`<signet-conditions-fields
      .conditions=${this.conditions}
      .problem=${this.problem}
      .keyType=${this.signingKey?.type}
    ></signet-conditions-fields>`;
  }

  /** Why there is no output yet, under the id `statusId`; undefined once signed. */
  protected status(statusId: string): TemplateResult | undefined {
    const waiting = this.#missing();
    if (waiting) return html`<p class="hint" id=${statusId}>${waiting}</p>`;
    const { signed, problem } = this;
    if (signed) return undefined;
    if (!problem) return html`<p class="hint" id=${statusId}>Signing…</p>`;
    const atField = [...this.fields, ...CONDITION_FIELDS].includes(problem.field ?? '');
    return html`<p class="error" id=${statusId}>
      Not signed: ${atField ? 'see the message at the highlighted field above.' : problem.message}
    </p>`;
  }
}
