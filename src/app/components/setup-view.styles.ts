import { css } from '../lib/element.ts';

/** The set-up steps, one readable column. */
export const setupViewStyles = css`
  :host {
    max-width: 56rem;
    margin: 0 auto;
  }
  ol {
    padding-left: var(--s5);
  }
  li {
    margin-bottom: var(--s5);
  }
`;
