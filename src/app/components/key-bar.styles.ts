import { css } from '../lib/element.ts';

/** The key bar: one line once a key is loaded, the public key in a popover. */
export const keyBarStyles = css`
  :host {
    padding: var(--s2) var(--s4);
    border: 1px solid var(--line);
    border-radius: var(--radius);
    background: var(--bg);
  }
  .row {
    row-gap: var(--s1);
  }
  .row > .field {
    display: flex;
    flex: 1 1 16rem;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--s1) var(--s2);
    margin: 0;
  }
  .field > * {
    flex: 1 0 100%;
  }
  .field > label {
    flex: none;
  }
  #key-pem {
    flex: 1 1 12rem;
    width: auto;
  }
  textarea {
    height: var(--control);
    resize: none;
    overflow: hidden;
    white-space: nowrap;
  }
  #key-fingerprint {
    flex: 1 1 12rem;
    min-width: 0;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .end {
    margin-left: auto;
  }
  [popover] {
    inset: 7rem var(--s4) auto auto;
    width: min(36rem, calc(100vw - 2 * var(--s4)));
    margin: 0;
    padding: var(--s3);
    color: var(--fg);
    border: 1px solid var(--line);
    border-radius: var(--radius);
    background: var(--bg);
    box-shadow: 0 8px 24px #0003;
  }
  .alert {
    margin: var(--s2) 0 0;
  }
`;
