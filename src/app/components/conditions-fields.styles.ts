import { css } from '../lib/element.ts';

/** The "Remember" checkbox sits close under the key pair ID field. */
export const conditionsFieldsStyles = css`
  .remember {
    margin-top: calc(-1 * var(--s3));
  }
`;
