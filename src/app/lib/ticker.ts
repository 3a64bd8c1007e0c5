import type { ReactiveController, SignetElement } from './element.ts';

/**
 * Redraws its host once a second while the host is on screen, so a countdown counts and a time
 * that has passed says so without waiting for the next keystroke (an authenticator's code does
 * the same). A hidden view is not redrawn.
 */
export class Ticker implements ReactiveController {
  readonly #host: SignetElement;
  #timer: ReturnType<typeof setInterval> | undefined;

  constructor(host: SignetElement) {
    this.#host = host;
    host.addController(this);
  }

  hostConnected(): void {
    this.#timer = setInterval(() => {
      // Hidden views are not redrawn (checkVisibility is missing before Safari 17.4: redraw then).
      if (this.#host.checkVisibility?.() ?? true) this.#host.requestUpdate();
    }, 1000);
  }

  hostDisconnected(): void {
    clearInterval(this.#timer);
  }
}
