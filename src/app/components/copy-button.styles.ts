import { css } from '../lib/element.ts';

/** A Copy button sits in a toolbar line. */
export const copyButtonStyles = css`
  :host {
    display: inline-block;
  }
`;
