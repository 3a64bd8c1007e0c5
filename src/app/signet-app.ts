import { css, html, LitElement } from 'lit';

/** The page's root: the app shell that every view renders inside. */
export class SignetApp extends LitElement {
  static override styles = css`
    :host {
      display: block;
      font-family: system-ui, sans-serif;
      max-width: 60rem;
      margin: 0 auto;
      padding: 1rem;
    }
  `;

  override render() {
    return html`
      <header>
        <h1>Signet</h1>
        <p>CloudFront signed URLs and cookies, made in this tab. Nothing leaves your machine.</p>
      </header>
    `;
  }
}

customElements.define('signet-app', SignetApp);

declare global {
  interface HTMLElementTagNameMap {
    'signet-app': SignetApp;
  }
}
