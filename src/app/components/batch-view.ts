import { html, LitElement, nothing, type PropertyValues } from 'lit';
import type { SigningKey } from '../../core/index.ts';
import { csvRow } from '../batch/csv.ts';
import { parseUrlList, type UrlList } from '../batch/parse-list.ts';
import { type BatchOutcome, runBatch } from '../batch/run-batch.ts';
import { downloadText } from '../lib/download.ts';
import { type Problem, toProblem } from '../lib/problem.ts';
import { dragHasFiles, droppedFile } from '../lib/read-file.ts';
import { defaultConditions, type SigningConditions, toSigningOptions } from '../state.ts';
import { sharedStyles } from '../styles/shared.ts';
import './conditions-fields.ts';
import './copy-button.ts';
import { field } from './field.ts';

/** How many refused lines and signed rows to list on the page; the CSV has them all. */
const SHOWN_ERRORS = 100;
const SHOWN_ROWS = 10;

/**
 * Batch: paste or drop a list of URLs (one per line, or CSV with a url column), sign them all
 * with the shared conditions, then download a CSV or copy every signed URL.
 *
 * @fires signet-batch-progress - detail `{ done, total }` each time the progress bar is redrawn
 * (bubbles out of the page's shadow roots, for anyone measuring it)
 */
export class BatchView extends LitElement {
  static override properties = {
    signingKey: { attribute: false },
    conditions: { attribute: false },
    text: { state: true },
    list: { state: true },
    running: { state: true },
    done: { state: true },
    outcome: { state: true },
    problem: { state: true },
    dropping: { state: true },
  };
  static override styles = sharedStyles;

  declare signingKey: SigningKey | undefined;
  declare conditions: SigningConditions;
  declare text: string;
  declare list: UrlList;
  declare running: boolean;
  declare done: number;
  declare outcome: BatchOutcome | undefined;
  declare problem: Problem | undefined;
  declare dropping: boolean;
  #abort: AbortController | undefined;

  constructor() {
    super();
    this.signingKey = undefined;
    this.conditions = defaultConditions('');
    this.text = '';
    this.list = { urls: [], format: 'lines' };
    this.running = false;
    this.done = 0;
    this.outcome = undefined;
    this.problem = undefined;
    this.dropping = false;
  }

  #setText(text: string): void {
    this.text = text;
    this.list = parseUrlList(text);
    this.outcome = undefined;
    this.problem = undefined;
  }

  async #readFile(file: File | undefined): Promise<void> {
    if (file) this.#setText(await file.text());
  }

  // A list dropped here is a list, not a key: the page-wide key drop must not see it.
  #dragOver(event: DragEvent): void {
    if (!dragHasFiles(event)) return;
    event.preventDefault();
    event.stopPropagation();
    this.dropping = true;
  }

  async #drop(event: DragEvent): Promise<void> {
    event.preventDefault();
    event.stopPropagation();
    this.dropping = false;
    await this.#readFile(droppedFile(event));
  }

  async #start(): Promise<void> {
    const key = this.signingKey;
    if (!key || this.running) return;
    this.#abort = new AbortController();
    this.running = true;
    this.done = 0;
    this.outcome = undefined;
    this.problem = undefined;
    try {
      this.outcome = await runBatch(this.list.urls, toSigningOptions(this.conditions, key), {
        signal: this.#abort.signal,
        onProgress: (done) => {
          this.done = done;
        },
      });
    } catch (error) {
      this.problem = toProblem(error);
    } finally {
      this.running = false;
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    if ((changed.has('done') || changed.has('running')) && (this.running || this.outcome)) {
      const detail = {
        done: this.outcome ? this.outcome.rows.length : this.done,
        total: this.list.urls.length,
      };
      this.dispatchEvent(
        new CustomEvent('signet-batch-progress', { detail, bubbles: true, composed: true }),
      );
    }
  }

  #downloadCsv(outcome: BatchOutcome): void {
    const lines = [csvRow(['line', 'url', 'signed_url', 'error'])];
    for (const row of outcome.rows) {
      lines.push(csvRow([String(row.line), row.input, row.signedUrl ?? '', row.error ?? '']));
    }
    downloadText('signed-urls.csv', `${lines.join('\r\n')}\r\n`, 'text/csv');
  }

  override render() {
    const count = this.list.urls.length;
    const missing = !this.signingKey
      ? 'Load the private key above to sign.'
      : !this.conditions.keyPairId.trim()
        ? 'Enter the key pair ID.'
        : count === 0
          ? 'Paste or drop a list of URLs.'
          : undefined;
    return html`
      <h2>Batch</h2>
      <div
        class="drop ${this.dropping ? 'dropping' : ''}"
        @dragenter=${this.#dragOver}
        @dragover=${this.#dragOver}
        @dragleave=${() => {
          this.dropping = false;
        }}
        @drop=${this.#drop}
      >
        ${field({
          id: 'batch-list',
          label: 'URLs to sign',
          value: this.text,
          rows: 8,
          hint: 'One URL per line, or CSV with a url column. Drop a .txt or .csv file here, or choose one.',
          placeholder:
            'https://d111111abcdef8.cloudfront.net/a.jpg\nhttps://d111111abcdef8.cloudfront.net/b.jpg',
          onInput: (text) => this.#setText(text),
        })}
        <p class="row">
          <button
            type="button"
            @click=${() => this.renderRoot.querySelector<HTMLInputElement>('#batch-file')?.click()}
          >
            Choose list file…
          </button>
          <span class="hint" id="batch-count">
            ${count} URL${count === 1 ? '' : 's'}${this.list.format === 'csv' ? ' from the url column' : ''}
          </span>
        </p>
        <input
          id="batch-file"
          type="file"
          hidden
          accept=".txt,.csv,text/plain,text/csv"
          @change=${async (event: Event) => {
            const input = event.target as HTMLInputElement;
            await this.#readFile(input.files?.[0]);
            input.value = '';
          }}
        />
      </div>
      <signet-conditions-fields
        .conditions=${this.conditions}
        .problem=${this.problem}
        .keyType=${this.signingKey?.type}
      ></signet-conditions-fields>
      <div class="row">
        <button
          type="button"
          class="primary"
          ?disabled=${Boolean(missing) || this.running}
          @click=${this.#start}
        >
          Sign ${count} URL${count === 1 ? '' : 's'}
        </button>
        ${
          this.running
            ? html`<button type="button" @click=${() => this.#abort?.abort()}>Cancel</button>`
            : nothing
        }
        ${missing ? html`<span class="hint">${missing}</span>` : nothing}
      </div>
      ${this.running || this.outcome ? this.#renderProgress(count) : nothing}
      ${
        this.problem
          ? html`<p class="error" role="alert" id="batch-problem">
            Nothing was signed: ${this.problem.message}
          </p>`
          : nothing
      }
      ${this.outcome ? this.#renderOutcome(this.outcome) : nothing}
    `;
  }

  #renderProgress(count: number) {
    const done = this.outcome ? this.outcome.rows.length : this.done;
    return html`<div class="field">
      <label for="batch-progress">Progress</label>
      <progress id="batch-progress" max=${Math.max(count, 1)} .value=${done}></progress>
      <p class="hint" role="status">${done} of ${count} signed or refused${this.running ? '…' : '.'}</p>
    </div>`;
  }

  #renderOutcome(outcome: BatchOutcome) {
    const failed = outcome.rows.filter((row) => row.error !== undefined);
    const signed = outcome.rows.filter((row) => row.signedUrl !== undefined);
    const allSigned = signed.map((row) => row.signedUrl).join('\n');
    return html`
      <p class="notice ${failed.length ? 'warn' : 'good'}" id="batch-summary">
        ${signed.length} signed, ${failed.length} refused${outcome.cancelled ? ', then cancelled' : ''}.
      </p>
      <div class="row">
        <button type="button" @click=${() => this.#downloadCsv(outcome)}>Download CSV</button>
        <signet-copy-button .text=${allSigned} what="all signed URLs"></signet-copy-button>
      </div>
      ${
        failed.length
          ? html`<h3>Refused lines</h3>
            <ul class="plain" id="batch-errors">
              ${failed.slice(0, SHOWN_ERRORS).map(
                (row) => html`<li>
                  <strong>Line ${row.line}</strong>: <span class="mono">${row.input}</span>: ${row.error}
                </li>`,
              )}
            </ul>
            ${failed.length > SHOWN_ERRORS ? html`<p class="hint">…and ${failed.length - SHOWN_ERRORS} more in the CSV.</p>` : nothing}`
          : nothing
      }
      ${
        signed.length
          ? html`<h3>First signed URLs</h3>
            <div class="table-wrap">
              <table id="batch-rows">
                <thead>
                  <tr>
                    <th scope="col">Line</th>
                    <th scope="col">Signed URL</th>
                  </tr>
                </thead>
                <tbody>
                  ${signed.slice(0, SHOWN_ROWS).map(
                    (row) => html`<tr>
                      <td>${row.line}</td>
                      <td class="mono">${row.signedUrl}</td>
                    </tr>`,
                  )}
                </tbody>
              </table>
            </div>
            ${signed.length > SHOWN_ROWS ? html`<p class="hint">The CSV holds all ${signed.length}.</p>` : nothing}`
          : nothing
      }
    `;
  }
}

customElements.define('signet-batch-view', BatchView);

declare global {
  interface HTMLElementTagNameMap {
    'signet-batch-view': BatchView;
  }
}
