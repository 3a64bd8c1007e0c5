import { css } from 'lit';

/**
 * The look every view shares. Colours are custom properties set on <signet-app>; they inherit into
 * each component's shadow root, so one media query switches the whole page between light and dark.
 */
export const sharedStyles = css`
  :host {
    display: block;
    /* Long URLs and base64 in messages must wrap on a 360 px screen. */
    overflow-wrap: anywhere;
  }
  * {
    box-sizing: border-box;
  }
  [hidden] {
    display: none !important;
  }
  h2,
  h3 {
    margin: 1.25rem 0 0.5rem;
    line-height: 1.25;
  }
  h2 {
    font-size: 1.2rem;
  }
  h3 {
    font-size: 1rem;
  }
  p {
    margin: 0.5rem 0;
  }
  a {
    color: var(--link);
  }
  code,
  pre,
  textarea,
  .mono {
    font-family: ui-monospace, 'Cascadia Mono', 'DejaVu Sans Mono', Menlo, Consolas, monospace;
    font-size: 0.875rem;
    overflow-wrap: anywhere;
  }
  .field {
    display: flex;
    flex-direction: column;
    gap: 0.25rem;
    margin: 0 0 0.9rem;
    min-width: 0;
  }
  .field > label,
  legend,
  .label {
    font-weight: 600;
  }
  .hint {
    color: var(--muted);
    font-size: 0.875rem;
    margin: 0;
  }
  .error {
    color: var(--error);
    font-size: 0.9rem;
    margin: 0;
    overflow-wrap: anywhere;
  }
  .error::before {
    content: '⚠ ';
  }
  input[type='text'],
  input[type='password'],
  input[type='datetime-local'],
  input:not([type]),
  select,
  textarea {
    width: 100%;
    max-width: 100%;
    padding: 0.45rem 0.55rem;
    border: 1px solid var(--border);
    border-radius: 6px;
    background: var(--field);
    color: var(--fg);
    font: inherit;
  }
  textarea {
    font-family: ui-monospace, 'Cascadia Mono', 'DejaVu Sans Mono', Menlo, Consolas, monospace;
    font-size: 0.85rem;
    resize: vertical;
    /* A list of 10,000 URLs would otherwise be repainted with every move of a progress bar. */
    contain: content;
  }
  [aria-invalid='true'] {
    border-color: var(--error);
    border-width: 2px;
  }
  fieldset {
    border: 1px solid var(--border-soft);
    border-radius: 8px;
    padding: 0.5rem 0.9rem 0.25rem;
    margin: 0 0 0.9rem;
    min-width: 0;
  }
  button,
  .button {
    display: inline-flex;
    align-items: center;
    gap: 0.35rem;
    padding: 0.4rem 0.8rem;
    border: 1px solid var(--border);
    border-radius: 6px;
    background: var(--button);
    color: var(--fg);
    font: inherit;
    font-size: 0.9rem;
    cursor: pointer;
    text-decoration: none;
    min-height: 2.25rem;
  }
  button.primary {
    background: var(--accent);
    border-color: var(--accent);
    color: var(--accent-fg);
  }
  button:disabled {
    cursor: not-allowed;
    opacity: 0.55;
  }
  :focus-visible {
    outline: 3px solid var(--focus);
    outline-offset: 2px;
  }
  .choice {
    display: inline-flex;
    gap: 0.3rem;
    align-items: center;
    padding: 0.2rem 0.6rem 0.2rem 0;
    min-height: 2rem;
  }
  input[type='radio'],
  input[type='checkbox'] {
    width: 1.05rem;
    height: 1.05rem;
    margin: 0;
    accent-color: var(--accent);
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    align-items: center;
  }
  .row.nowrap {
    flex-wrap: nowrap;
  }
  .row.nowrap > input {
    flex: 1;
    min-width: 0;
  }
  .grid {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(15rem, 1fr));
    column-gap: 1rem;
  }
  .output {
    border: 1px solid var(--border-soft);
    border-radius: 8px;
    background: var(--surface);
    padding: 0.6rem 0.8rem;
    margin: 0 0 1rem;
    min-width: 0;
  }
  .output-head {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    align-items: center;
    justify-content: space-between;
  }
  .output-head h3 {
    margin: 0;
  }
  pre.value {
    margin: 0.5rem 0 0;
    white-space: pre-wrap;
    overflow-wrap: anywhere;
    word-break: break-all;
  }
  .badge {
    display: inline-block;
    padding: 0.05rem 0.5rem;
    border-radius: 999px;
    background: var(--badge);
    font-size: 0.85rem;
    font-weight: 600;
  }
  .notice {
    border-left: 4px solid var(--accent);
    background: var(--surface);
    padding: 0.5rem 0.8rem;
    margin: 0 0 1rem;
  }
  .notice.warn {
    border-left-color: var(--warn);
  }
  .notice.bad {
    border-left-color: var(--error);
  }
  .notice.good {
    border-left-color: var(--ok);
  }
  ul.plain {
    margin: 0.25rem 0;
    padding-left: 1.2rem;
  }
  table {
    border-collapse: collapse;
    width: 100%;
    font-size: 0.9rem;
  }
  th,
  td {
    text-align: left;
    vertical-align: top;
    padding: 0.3rem 0.4rem;
    border-bottom: 1px solid var(--border-soft);
    overflow-wrap: anywhere;
    word-break: break-all;
  }
  th {
    word-break: normal;
    white-space: nowrap;
  }
  /* A place to drop a file: the key panel's and the batch list's. */
  .drop {
    border: 2px dashed var(--border);
    border-radius: 8px;
    padding: 0.5rem 0.8rem;
    margin: 0 0 1rem;
  }
  .drop.dropping {
    border-color: var(--accent);
    background: var(--surface);
  }
  /* Facts as term and value: the loaded key, a decoded link. */
  dl {
    display: grid;
    grid-template-columns: minmax(6rem, max-content) 1fr;
    gap: 0.3rem 1rem;
    margin: 0.5rem 0 1rem;
  }
  dt {
    font-weight: 600;
  }
  dd {
    margin: 0;
    overflow-wrap: anywhere;
    word-break: break-all;
  }
  details {
    margin-top: 0.5rem;
  }
  summary {
    cursor: pointer;
  }
  progress {
    width: 100%;
    height: 1.2rem;
    accent-color: var(--accent);
  }
  .table-wrap {
    overflow-x: auto;
  }
  .verdict {
    font-size: 1.1rem;
  }
  /* The numbered console steps of Set up CloudFront. */
  ol.steps {
    padding-left: 1.4rem;
  }
  ol.steps > li {
    margin: 0 0 1.25rem;
    padding-left: 0.25rem;
  }
  ol.steps > li::marker {
    font-weight: 700;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  @media (forced-colors: active) {
    button,
    .button,
    .badge,
    .output,
    .notice {
      border: 1px solid CanvasText;
    }
    button.primary {
      border-color: ButtonText;
    }
    :focus-visible {
      outline-color: Highlight;
    }
    .error {
      color: CanvasText;
    }
  }
`;
