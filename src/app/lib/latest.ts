/** The outcome of async work: its value, or what it threw. */
export type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

/**
 * Runs async work where only the newest run may report. Outputs update as the user types, and a
 * slow signature for an old input must never overwrite the one for the current input.
 */
export class LatestOnly {
  #generation = 0;

  async run<T>(work: () => Promise<T>, report: (outcome: Settled<T>) => void): Promise<void> {
    const mine = ++this.#generation;
    let outcome: Settled<T>;
    try {
      outcome = { ok: true, value: await work() };
    } catch (error) {
      outcome = { ok: false, error };
    }
    if (mine === this.#generation) report(outcome);
  }

  /** Makes any run still in flight stale, e.g. when its inputs were cleared. */
  cancel(): void {
    this.#generation++;
  }
}
