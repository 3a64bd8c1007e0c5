import { html, nothing, type TemplateResult } from 'lit/html.js';

/**
 * A labelled text input or textarea with its hint and error, rendered into the caller's own
 * shadow root. A template, not a component: label `for` and aria-describedby are ID references,
 * which only work when the input, label and messages share one root.
 *
 * Every control here writes each change back to the state it is rendered from, so a plain
 * `.value` binding always matches what is on screen (Lit's `live` directive is not needed).
 */
export interface FieldOptions {
  readonly id: string;
  readonly label: string;
  readonly value: string;
  readonly onInput: (value: string) => void;
  readonly hint?: string | TemplateResult;
  readonly error?: string | undefined;
  /** Rows for a textarea; absent for a one-line input. */
  readonly rows?: number;
  readonly type?: 'text' | 'password';
  readonly placeholder?: string;
  readonly autocomplete?: string;
  readonly inputmode?: string;
}

export function field(options: FieldOptions): TemplateResult {
  const { id, label, value, error, hint, rows } = options;
  const describedBy =
    [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  const onInput = (event: Event) =>
    options.onInput((event.target as HTMLInputElement | HTMLTextAreaElement).value);
  const control =
    rows === undefined
      ? html`<input
          id=${id}
          type=${options.type ?? 'text'}
          .value=${value}
          placeholder=${options.placeholder ?? nothing}
          autocomplete=${options.autocomplete ?? 'off'}
          inputmode=${options.inputmode ?? nothing}
          spellcheck="false"
          aria-invalid=${error ? 'true' : 'false'}
          aria-describedby=${describedBy ?? nothing}
          @input=${onInput}
        />`
      : html`<textarea
          id=${id}
          rows=${rows}
          .value=${value}
          placeholder=${options.placeholder ?? nothing}
          autocomplete="off"
          spellcheck="false"
          aria-invalid=${error ? 'true' : 'false'}
          aria-describedby=${describedBy ?? nothing}
          @input=${onInput}
        ></textarea>`;
  return html`<div class="field">
    <label for=${id}>${label}</label>
    ${hint ? html`<p class="hint" id=${`${id}-hint`}>${hint}</p>` : nothing} ${control}
    ${error ? html`<p class="error" id=${`${id}-error`}>${error}</p>` : nothing}
  </div>`;
}

/** A radio button or checkbox inside its label (so the label needs no ID). */
export function choice(options: {
  readonly type: 'radio' | 'checkbox';
  readonly label: string | TemplateResult;
  readonly checked: boolean;
  readonly onChange: (checked: boolean) => void;
  readonly name?: string;
}): TemplateResult {
  return html`<label class="choice"
    ><input
      type=${options.type}
      name=${options.name ?? nothing}
      .checked=${options.checked}
      @change=${(event: Event) => options.onChange((event.target as HTMLInputElement).checked)}
    />
    ${options.label}</label
  >`;
}

/**
 * A datetime-local input's value, or undefined while the user is part way through typing one
 * (the browser then reports ''). Keeping the last whole value then means a re-render never wipes
 * the half-typed date.
 */
export function typedDateTime(event: Event): string | undefined {
  const input = event.target as HTMLInputElement;
  return input.validity.badInput ? undefined : input.value;
}
