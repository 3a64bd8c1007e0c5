import { html, nothing } from 'lit/html.js';
import type { SigningKey } from '../../core/index.ts';
import { groupDigits, notAUrlList } from '../../core/lib/show-value.ts';
import { csvRow } from '../batch/csv.ts';
import { type ListedUrl, parseUrlList, type UrlList } from '../batch/parse-list.ts';
import { type BatchOutcome, type BatchRow, runBatch } from '../batch/run-batch.ts';
import { downloadText } from '../lib/download.ts';
import { type PropertyValues, SignetElement } from '../lib/element.ts';
import { encodedForm } from '../lib/encoded-form.ts';
import { BATCH_LIMIT } from '../lib/input-guard.ts';
import { type Problem, pageWords, toProblem } from '../lib/problem.ts';
import { dragHasFiles, droppedFile } from '../lib/read-file.ts';
import { Ticker } from '../lib/ticker.ts';
import { nowSeconds, relativeText, whenText } from '../lib/time.ts';
import { defaultConditions, type SigningConditions, toSigningOptions } from '../state.ts';
import { sharedStyles } from '../styles/shared.ts';
import './conditions-fields.ts';
import './copy-button.ts';
import { field } from './field.ts';
import { colouredUrl } from './signed-output.ts';

/** How many lines of a reason are shown before "more", and how many in all; the CSV has them all. */
const SHOWN_FIRST = 3;
const SHOWN_ERRORS = 100;
const SHOWN_ROWS = 10;

/** Refusal reasons in the page's words, by the core's error code. */
const REASONS: Readonly<Record<string, string>> = {
  ERR_URL_INVALID: 'Not a URL',
  ERR_URL_CHARACTERS: 'Characters a browser would send differently',
  ERR_URL_SIGNED: 'Already signed',
  ERR_URL_FRAGMENT: 'A #fragment, which browsers never send',
};

const OTHER = 'Other reasons';

/**
 * Batch: paste or drop a list of URLs (one per line, or CSV with a url column), sign them all
 * with the shared conditions, then download a CSV or copy every signed URL. Refused lines are
 * grouped by reason; lines that encoding would fix can be encoded and signed in one go. A key or
 * binary file given as the list is refused whole, before any line is shown.
 *
 * @fires signet-batch-progress - detail `{ done, total }` each time the progress bar is redrawn
 * (bubbles out of the page's shadow roots, for anyone measuring it)
 */
export class BatchView extends SignetElement {
  static override properties = {
    signingKey: undefined,
    conditions: defaultConditions(''),
    text: '',
    list: { urls: [], format: 'lines' },
    listError: '',
    running: false,
    done: 0,
    outcome: undefined,
    problem: undefined,
    dropping: false,
  };
  static override styles = sharedStyles;

  declare signingKey: SigningKey | undefined;
  declare conditions: SigningConditions;
  declare text: string;
  declare list: UrlList;
  /** Why the last list file was not read. */
  declare listError: string;
  declare running: boolean;
  declare done: number;
  declare outcome: BatchOutcome | undefined;
  declare problem: Problem | undefined;
  declare dropping: boolean;
  #abort: AbortController | undefined;
  /** The expiry the outcome's URLs carry (epoch seconds). */
  #expires = 0;
  /** How many lines the running batch signs. */
  #total = 0;

  constructor() {
    super();
    new Ticker(this);
  }

  #setText(text: string): void {
    this.text = text;
    this.list = parseUrlList(text);
    this.listError = '';
  }

  /** A list file, checked by size and by its first bytes before a line of it is read. */
  async #readFile(file: File | undefined): Promise<void> {
    if (!file) return;
    const why =
      file.size > BATCH_LIMIT
        ? `${file.name} is ${groupDigits(file.size)} bytes; a list takes at most ${groupDigits(BATCH_LIMIT)}. Split it, or sign it with signet sign --urls-file.`
        : await notAList(file);
    if (why) {
      this.#setText('');
      this.listError = why;
    } else this.#setText(await file.text());
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

  /** Signs `urls` (the whole list, or some lines again), merging them into the outcome by line. */
  async #sign(urls: readonly ListedUrl[], merge = false): Promise<void> {
    const key = this.signingKey;
    if (!key || this.running) return;
    const before = merge ? this.outcome : undefined;
    this.#abort = new AbortController();
    this.#total = urls.length;
    this.running = true;
    this.done = 0;
    try {
      const options = toSigningOptions(this.conditions, key);
      this.#expires = options.dateLessThan as number;
      const outcome = await runBatch(urls, options, {
        signal: this.#abort.signal,
        onProgress: (done) => {
          this.done = done;
        },
      });
      if (before) {
        const again = new Map(outcome.rows.map((row) => [row.line, row]));
        this.outcome = { ...outcome, rows: before.rows.map((row) => again.get(row.line) ?? row) };
      } else {
        this.outcome = outcome;
      }
    } catch (error) {
      this.problem = toProblem(error);
      this.outcome = before;
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
      lines.push(
        csvRow([String(row.line), row.input, row.signedUrl ?? '', pageWords(row.error ?? '')]),
      );
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
    const inputs = html`
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
          error: this.listError || undefined,
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
          @click=${() => this.#sign(this.list.urls)}
        >
          Sign ${count} URL${count === 1 ? '' : 's'}
        </button>
        ${
          this.running
            ? html`<button type="button" @click=${() => this.#abort?.abort()}>Cancel</button>`
            : nothing
        }
      </div>
    `;
    const result = html`
      ${
        missing && !this.outcome
          ? html`<div class="empty"><strong>Nothing signed yet</strong><p class="hint">${missing}</p></div>`
          : nothing
      }
      ${this.running || this.outcome ? this.#renderProgress() : nothing}
      ${
        this.problem
          ? html`<p class="alert bad" role="alert" id="batch-problem">
            <strong>Nothing was signed.</strong> ${this.problem.message}
          </p>`
          : nothing
      }
      ${this.outcome && !this.running ? this.#renderOutcome(this.outcome) : nothing}
    `;
    return html`<h2 class="visually-hidden">Batch</h2>
      <div class="bench">
        <section class="pane" aria-label="Inputs">${inputs}</section>
        <section class="pane result" aria-label="Result">${result}</section>
      </div>`;
  }

  #renderProgress() {
    const done = this.outcome ? this.outcome.rows.length : this.done;
    const count = this.outcome ? done : this.#total;
    // Once done, the summary says it all: the bar stays for screen readers and tests only.
    return html`<div class="field ${this.running ? '' : 'visually-hidden'}">
      <label for="batch-progress">Progress</label>
      <progress id="batch-progress" max=${Math.max(count, 1)} .value=${done}></progress>
      <p class="hint" role="status">${done} of ${count} signed or refused${this.running ? '…' : '.'}</p>
    </div>`;
  }

  #renderOutcome(outcome: BatchOutcome) {
    const { signed, failed, groups } = summarize(outcome);
    const now = nowSeconds();
    const expired = signed.length > 0 && this.#expires <= now;
    return html`
      <p class="alert ${expired ? 'bad' : failed.length ? 'warn' : 'ok'}">
        <strong id="batch-summary">${signed.length} signed, ${failed.length} refused${outcome.cancelled ? ', then cancelled' : ''}.</strong>
        ${
          signed.length
            ? html`<span id="batch-expiry">${expired ? 'They expired' : 'They expire'} ${whenText(this.#expires)}, ${relativeText(this.#expires, now, 2)}${expired ? ': sign them again before handing them out' : ''}.</span>`
            : nothing
        }
      </p>
      <div class="row">
        <button type="button" class="primary" @click=${() => this.#downloadCsv(outcome)}>
          Download CSV
        </button>
        <signet-copy-button
          .text=${signed.length ? `${signed.length} signed URLs` : ''}
          .provide=${async () => signed.map((row) => row.signedUrl).join('\n')}
          .what=${'all signed URLs'}
        ></signet-copy-button>
      </div>
      ${
        failed.length
          ? html`<h3>Refused lines</h3>
            <div id="batch-errors">
              ${[...groups].map(([reason, rows]) => {
                const fixable = rows.flatMap((row) => {
                  const url = encodedForm(row.input)?.url;
                  return url ? [{ line: row.line, url }] : [];
                });
                // One reason, one explanation; mixed reasons keep the message of each line.
                const known = reason !== OTHER;
                const line = (row: BatchRow) =>
                  html`<li><strong>Line ${row.line}</strong>: <span class="mono">${row.input}</span>${known ? '' : `: ${pageWords(row.error ?? '')}`}</li>`;
                return html`<div class="group">
                  <h4>${reason} <span class="badge">${rows.length} line${rows.length === 1 ? '' : 's'}</span></h4>
                  ${known ? html`<p class="hint">${pageWords(rows[0]?.error ?? '')}</p>` : nothing}
                  <ul class="plain">${rows.slice(0, SHOWN_FIRST).map(line)}</ul>
                  ${
                    rows.length > SHOWN_FIRST
                      ? html`<details>
                        <summary>${rows.length - SHOWN_FIRST} more</summary>
                        <ul class="plain">${rows.slice(SHOWN_FIRST, SHOWN_ERRORS).map(line)}</ul>
                        ${rows.length > SHOWN_ERRORS ? html`<p class="hint">The CSV holds all ${rows.length}.</p>` : nothing}
                      </details>`
                      : nothing
                  }
                  ${
                    fixable.length
                      ? html`<p>
                        <button type="button" @click=${() => this.#sign(fixable, true)}>
                          Encode ${fixable.length === 1 ? 'this line' : `these ${fixable.length} lines`} and sign ${fixable.length === 1 ? 'it' : 'them'}
                        </button>
                      </p>`
                      : nothing
                  }
                </div>`;
              })}
            </div>`
          : nothing
      }
      ${
        signed.length
          ? html`<h3>First signed URLs</h3>
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
                    <td class="mono">${colouredUrl(row.signedUrl as string)}</td>
                  </tr>`,
                )}
              </tbody>
            </table>
            ${signed.length > SHOWN_ROWS ? html`<p class="hint">The CSV holds all ${signed.length}.</p>` : nothing}`
          : nothing
      }
    `;
  }
}

interface Summary {
  readonly signed: readonly BatchRow[];
  readonly failed: readonly BatchRow[];
  /** Refused rows by reason, in the order the reasons first occur. */
  readonly groups: ReadonlyMap<string, readonly BatchRow[]>;
}

/**
 * An outcome split once, not on every redraw: a batch of 100,000 rows would otherwise cost the
 * page tens of milliseconds each time the view renders (the signed URLs are joined only for Copy).
 */
const summaries = new WeakMap<BatchOutcome, Summary>();

function summarize(outcome: BatchOutcome): Summary {
  let summary = summaries.get(outcome);
  if (!summary) {
    const signed: BatchRow[] = [];
    const failed: BatchRow[] = [];
    const groups = new Map<string, BatchRow[]>();
    for (const row of outcome.rows) {
      if (row.error === undefined) {
        signed.push(row);
        continue;
      }
      failed.push(row);
      const reason = REASONS[row.code ?? ''] ?? OTHER;
      const group = groups.get(reason);
      if (group) group.push(row);
      else groups.set(reason, [row]);
    }
    summary = { signed, failed, groups };
    summaries.set(outcome, summary);
  }
  return summary;
}

/** Why a list file is not a list (a key, binary data), judged on its first 64 KiB of bytes. */
async function notAList(file: File): Promise<string | undefined> {
  const kind = notAUrlList(new Uint8Array(await file.slice(0, 65536).arrayBuffer()));
  return (
    kind && `${file.name} is not a list of URLs: it looks like ${kind}. Nothing of it was read.`
  );
}

customElements.define('signet-batch-view', BatchView);

declare global {
  interface HTMLElementTagNameMap {
    'signet-batch-view': BatchView;
  }
}
