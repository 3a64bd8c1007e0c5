import { css } from './lib/element.ts';

/** The page: header with its tabs, the key bar, the views, the drop overlay and the toast. */
export const appStyles = css`
  :host {
    min-height: 100vh;
    background: var(--canvas);
    color: var(--fg);
    font: var(--text) / 1.5 var(--font);
  }
  header {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0 var(--s5);
    padding: 0 var(--s4);
    border-bottom: 1px solid var(--line);
    background: var(--bg);
  }
  h1 {
    margin: 0;
    font-size: var(--text-xl);
    line-height: 3rem;
  }
  [role='tablist'] {
    display: flex;
    flex: 1 1 0;
    overflow-x: auto;
    scrollbar-width: none;
  }
  [role='tab'] {
    min-height: 3rem;
    padding: 0 var(--s3);
    border: 0;
    border-bottom: 2px solid transparent;
    border-radius: 0;
    background: none;
    color: var(--muted);
  }
  [role='tab'][aria-selected='true'] {
    border-bottom-color: var(--accent);
    color: var(--fg);
  }
  .offline {
    margin-left: auto;
  }
  @media (max-width: 1200px) {
    .long {
      display: none;
    }
  }
  @media (max-width: 800px) {
    [role='tablist'] {
      order: 3;
      flex-basis: 100%;
      margin: 0 calc(-1 * var(--s4));
    }
  }
  .page {
    max-width: 90rem;
    margin: 0 auto;
    padding: var(--s4);
  }
  signet-key-bar {
    margin-bottom: var(--s4);
  }
  .drop-overlay {
    position: fixed;
    inset: 0;
    display: grid;
    place-items: center;
    pointer-events: none;
    background: color-mix(in srgb, var(--bg) 85%, transparent);
    border: 4px dashed var(--accent);
    font-size: var(--text-xl);
    font-weight: 700;
    z-index: 10;
  }
  .toast {
    position: fixed;
    bottom: var(--s4);
    left: 50%;
    z-index: 5;
    width: min(40rem, calc(100% - 2 * var(--s4)));
    transform: translateX(-50%);
    box-shadow: 0 8px 24px #0003;
  }
  footer {
    margin-top: var(--s5);
    color: var(--muted);
    font-size: var(--text-sm);
  }
  @media (forced-colors: active) {
    [role='tab'] {
      border-bottom-color: Canvas;
    }
    [role='tab'][aria-selected='true'] {
      border-bottom: 4px solid Highlight;
    }
  }
`;
