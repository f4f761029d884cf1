/**
 * Sneak peek (F17): at most one update per `intervalMs` (250 ms = 4 per second), the latest text wins.
 * The first update goes at once; later ones within the interval wait for its end (trailing), so the agent
 * always ends up with what the visitor last typed, or with the clearing ''. Memory only: nothing stored.
 */
export class PreviewThrottle {
  private lastAt = -Infinity;
  private pending: string | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly intervalMs: number,
    private readonly emit: (text: string) => void,
    private readonly clock: () => number = Date.now,
  ) {}

  push(text: string): void {
    const wait = this.lastAt + this.intervalMs - this.clock();
    if (wait <= 0 && !this.timer) {
      this.send(text);
      return;
    }
    this.pending = text;
    this.timer ??= setTimeout(() => {
      this.timer = null;
      const next = this.pending;
      this.pending = null;
      if (next !== null) this.send(next);
    }, Math.max(wait, 0));
  }

  /** Drops anything waiting (the socket went away). */
  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.pending = null;
  }

  private send(text: string) {
    this.lastAt = this.clock();
    this.emit(text);
  }
}

/** Updates per second allowed to reach the agent. */
export const SNEAK_PEEK_PER_SECOND = 4;
