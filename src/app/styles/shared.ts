import { css } from '../lib/element.ts';

/**
 * The look every component shares, written only in the tokens of tokens.ts. A view is a
 * workbench: its inputs in one pane and the live result in the other (side by side from
 * 1024 px, the result pane sticky so it stays in view), stacked on narrow screens.
 */
export const sharedStyles = css`
  :host {
    display: block;
    /* Long URLs and base64 must wrap on a 360 px screen. */
    overflow-wrap: anywhere;
  }
  * {
    box-sizing: border-box;
  }
  [hidden] {
    display: none !important;
  }
  /* Every view's h2 is for screen readers only (visually-hidden). */
  h3,
  h4 {
    margin: 0 0 var(--s3);
    font-size: var(--text);
    line-height: 1.3;
  }
  h4 {
    margin: var(--s4) 0 var(--s1);
  }
  p {
    margin: 0 0 var(--s2);
  }
  pre,
  .mono {
    font-family: var(--mono);
    font-size: var(--text-sm);
  }
  .field {
    display: grid;
    gap: var(--s1);
    margin: 0 0 var(--s4);
    min-width: 0;
  }
  label,
  legend,
  .label,
  dt,
  summary {
    font-weight: 600;
  }
  .hint {
    color: var(--muted);
    font-size: var(--text-sm);
    margin: 0;
  }
  .lead {
    margin-bottom: var(--s3);
  }
  .error {
    color: var(--bad);
    font-size: var(--text-sm);
    margin: 0;
  }
  .error::before {
    content: '⚠ ';
  }
  input:not([type='radio'], [type='checkbox']),
  select,
  textarea {
    width: 100%;
    min-height: var(--control);
    padding: var(--s1) var(--s2);
    border: 1px solid var(--edge);
    border-radius: var(--radius);
    background: var(--bg);
    color: var(--fg);
    font: inherit;
  }
  textarea {
    font-family: var(--mono);
    font-size: var(--text-sm);
    resize: vertical;
    /* A list of 10,000 URLs would otherwise be repainted with every move of a progress bar. */
    contain: content;
  }
  [aria-invalid='true'] {
    border-color: var(--bad) !important;
    box-shadow: inset 0 0 0 1px var(--bad);
  }
  fieldset {
    border: 0;
    padding: 0;
    margin: 0 0 var(--s4);
    min-width: 0;
  }
  legend {
    padding: 0;
    margin-bottom: var(--s1);
  }
  button,
  .button {
    display: inline-flex;
    align-items: center;
    gap: var(--s1);
    min-height: var(--control);
    padding: 0 var(--s3);
    border: 1px solid var(--line);
    border-radius: var(--radius);
    background: var(--inset);
    color: var(--fg);
    font: inherit;
    font-weight: 600;
    white-space: nowrap;
    cursor: pointer;
    text-decoration: none;
  }
  button.primary {
    background: var(--accent);
    border-color: var(--accent);
    color: var(--accent-fg);
  }
  button.link {
    display: inline;
    min-height: 0;
    padding: 0;
    border: 0;
    background: none;
    color: var(--link);
    font-weight: inherit;
    text-decoration: underline;
    white-space: normal;
  }
  button:disabled {
    cursor: not-allowed;
    opacity: 0.6;
  }
  :focus-visible {
    outline: 2px solid var(--accent);
    outline-offset: 2px;
  }
  .choice {
    display: inline-flex;
    gap: var(--s2);
    align-items: center;
    min-height: var(--control);
    margin-right: var(--s3);
    font-weight: 400;
  }
  input[type='radio'],
  input[type='checkbox'] {
    width: 1rem;
    height: 1rem;
    margin: 0;
    accent-color: var(--accent);
  }
  /* Radios drawn as one segmented control: the input covers its whole label. */
  .seg {
    display: flex;
    flex-wrap: wrap;
    gap: var(--s1);
    margin-bottom: var(--s2);
  }
  .seg .choice {
    position: relative;
    margin: 0;
    padding: 0 var(--s3);
    border: 1px solid var(--line);
    border-radius: var(--radius);
  }
  .seg input {
    appearance: none;
    position: absolute;
    inset: -1px;
    width: auto;
    height: auto;
    border-radius: var(--radius);
    cursor: pointer;
  }
  .seg .choice:has(:checked) {
    border-color: var(--accent);
    box-shadow: inset 0 0 0 1px var(--accent);
    color: var(--accent);
    font-weight: 600;
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    gap: var(--s2);
    align-items: center;
  }
  .row > input {
    flex: 1;
    width: auto;
    min-width: 0;
  }
  .grid {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(13rem, 1fr));
    column-gap: var(--s4);
  }
  /* The workbench: inputs and result side by side from 1024 px. */
  .bench {
    display: grid;
    gap: var(--s4);
    align-items: start;
  }
  .pane {
    min-width: 0;
    padding: var(--s4);
    border: 1px solid var(--line);
    border-radius: var(--radius);
    background: var(--bg);
  }
  @media (min-width: 1024px) {
    .bench {
      grid-template-columns: minmax(0, 5fr) minmax(0, 7fr);
    }
    .result {
      position: sticky;
      top: var(--s4);
      max-height: calc(100vh - 2 * var(--s4));
      overflow: auto;
    }
  }
  /* Status, as Cloudscape's alerts: a type, a title, one line; the one thing that stands out. */
  .alert {
    --tone: var(--info);
    margin: 0 0 var(--s3);
    padding: var(--s2) var(--s3);
    border: 1px solid var(--tone);
    border-left-width: 4px;
    border-radius: var(--radius);
    background: var(--info-bg);
  }
  .alert > :last-child {
    margin-bottom: 0;
  }
  .alert strong:first-child {
    color: var(--tone);
  }
  .ok {
    --tone: var(--ok);
    background: var(--ok-bg);
  }
  .warn {
    --tone: var(--warn);
    background: var(--warn-bg);
  }
  .bad {
    --tone: var(--bad);
    background: var(--bad-bg);
  }
  ul.plain {
    margin: 0 0 var(--s2);
    padding-left: var(--s4);
  }
  /* An output with its own toolbar (CyberChef): title, size, actions. */
  .output {
    margin: 0 0 var(--s4);
  }
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    gap: var(--s2);
    align-items: center;
    margin-bottom: var(--s2);
  }
  .toolbar h3 {
    margin: 0 auto 0 0;
  }
  pre.value {
    margin: 0;
    padding: var(--s2) var(--s3);
    border: 1px solid var(--line);
    border-radius: var(--radius);
    background: var(--inset);
    white-space: pre-wrap;
    word-break: break-all;
  }
  /* The parts of a signed URL, coloured as in its legend (jwt.io). */
  .p-expires {
    color: var(--part-expires);
  }
  .p-signature {
    color: var(--part-signature);
  }
  .p-key {
    color: var(--part-key);
  }
  .p-hash {
    color: var(--part-hash);
  }
  .parts .link {
    color: inherit;
  }
  .parts dt[class*='p-']::before {
    content: '';
    display: inline-block;
    width: 0.7em;
    height: 0.7em;
    margin-right: var(--s2);
    border-radius: 2px;
    background: currentColor;
  }
  @media (forced-colors: active) {
    .p-expires {
      text-decoration: underline dotted;
    }
    .p-signature {
      text-decoration: underline dashed;
    }
    .p-key {
      text-decoration: underline double;
    }
    .p-hash {
      text-decoration: underline wavy;
    }
    .seg .choice:has(:checked) {
      border: 2px solid Highlight;
    }
    /* System colours as a pair, without the backplate that would hide the text. */
    button.primary {
      forced-color-adjust: none;
    }
  }
  .badge {
    display: inline-block;
    padding: 0 var(--s2);
    border: 1px solid var(--line);
    border-radius: 1em;
    font-size: var(--text-sm);
    font-weight: 600;
  }
  table {
    border-collapse: collapse;
    width: 100%;
  }
  th,
  td {
    text-align: left;
    vertical-align: top;
    padding: var(--s2);
    border-bottom: 1px solid var(--line);
  }
  th {
    overflow-wrap: normal;
    white-space: nowrap;
  }
  /* A place to drop a file: the batch list. */
  .drop.dropping {
    outline: 2px dashed var(--accent);
    outline-offset: 4px;
  }
  dl {
    display: grid;
    grid-template-columns: minmax(6rem, max-content) minmax(0, 1fr);
    gap: var(--s1) var(--s4);
    margin: 0 0 var(--s4);
  }
  dd {
    margin: 0;
  }
  .mono {
    word-break: break-all;
  }
  @media (max-width: 640px) {
    /* Each row of a table becomes a card, the value full width under its name. */
    table.stack thead {
      display: none;
    }
    table.stack tr {
      display: grid;
      grid-template-columns: 1fr auto;
      padding: var(--s2) 0;
      border-bottom: 1px solid var(--line);
    }
    table.stack th,
    table.stack td {
      padding: var(--s1) 0;
      border: 0;
    }
    table.stack td.mono {
      grid-column: 1 / -1;
      grid-row: 2;
    }
    dl {
      grid-template-columns: minmax(0, 1fr);
    }
    dd {
      margin-bottom: var(--s2);
    }
    .page {
      padding: var(--s2);
    }
    .pane {
      padding: var(--s3);
    }
  }
  details {
    margin: 0 0 var(--s4);
  }
  summary {
    cursor: pointer;
    margin-bottom: var(--s2);
  }
  summary span {
    font-weight: 400;
  }
  /* Nothing to show yet: a quiet placeholder where the result will be. */
  .empty {
    padding: var(--s5) var(--s4);
    border: 1px dashed var(--line);
    border-radius: var(--radius);
    text-align: center;
  }
  h3 {
    margin-top: var(--s4);
  }
  progress {
    width: 100%;
    accent-color: var(--accent);
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
`;
