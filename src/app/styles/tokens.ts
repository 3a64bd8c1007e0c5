import { css } from '../lib/element.ts';

/**
 * The page's design tokens, the only place a colour, size or space is written down (Primer and
 * Cloudscape keep theirs the same way). Set on <signet-app>, they inherit into every shadow root;
 * components use only the names. Text colours meet WCAG AA (4.5:1) on every surface they sit on.
 */
export const tokens = css`
  :host {
    /* Space, a 4 px scale. */
    --s1: 0.25rem;
    --s2: 0.5rem;
    --s3: 0.75rem;
    --s4: 1rem;
    --s5: 1.5rem;
    /* Type. */
    --text-sm: 0.8125rem;
    --text: 0.875rem;
    --text-xl: 1.25rem;
    --font: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif;
    --mono: ui-monospace, 'Cascadia Mono', 'DejaVu Sans Mono', Menlo, Consolas, monospace;
    --radius: 6px;
    --control: 2rem;
    /* Colour, light. */
    --canvas: #f6f8fa;
    --bg: #fff;
    --inset: #f6f8fa;
    --fg: #1f2328;
    --muted: #59636e;
    --line: #d1d9e0;
    --edge: #818b98;
    --accent: #0969da;
    --accent-fg: #fff;
    --link: #0969da;
    --ok: #116329;
    --ok-bg: #dafbe1;
    --warn: #7d4e00;
    --warn-bg: #fff8c5;
    --bad: #a40e26;
    --bad-bg: #ffebe9;
    --info: #0550ae;
    --info-bg: #ddf4ff;
    /* The parts of a signed URL or cookie, the same colour wherever the part appears. */
    --part-expires: #8250df;
    --part-signature: #0e7490;
    --part-key: #bc4c00;
    --part-hash: #bf3989;
    color-scheme: light;
  }
  @media (prefers-color-scheme: dark) {
    :host {
      --canvas: #010409;
      --bg: #0d1117;
      --inset: #151b23;
      --fg: #f0f6fc;
      --muted: #9198a1;
      --line: #3d444d;
      --edge: #7d8590;
      --accent: #1f6feb;
      --accent-fg: #fff;
      --link: #4493f8;
      --ok: #3fb950;
      --ok-bg: #0f2d19;
      --warn: #d29922;
      --warn-bg: #3b2300;
      --bad: #ff7b72;
      --bad-bg: #4c1219;
      --info: #79c0ff;
      --info-bg: #0c2d6b;
      --part-expires: #d2a8ff;
      --part-signature: #56d4dd;
      --part-key: #ffa657;
      --part-hash: #ff9bce;
      color-scheme: dark;
    }
  }
  /* Forced colours: the system's own; parts are told apart by their underline instead. */
  @media (forced-colors: active) {
    :host {
      --accent: Highlight;
      --accent-fg: HighlightText;
      --link: LinkText;
    }
  }
`;
