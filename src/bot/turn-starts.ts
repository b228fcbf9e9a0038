/** How many turns begin in one turn of the event loop; the rest begin in the next ones, as many each. */
export const TURN_STARTS_PER_LOOP_TURN = 4;

/**
 * One process serves everyone: sixty-four activities arriving together would otherwise all run their first
 * steps (validation, the adapter, the first reads) before any timer or any answer already under way gets
 * the loop back. Nothing is held while a turn waits on I/O, so a hung connector holds nobody else up.
 */
export class TurnStarts {
  private begun = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly perLoopTurn = TURN_STARTS_PER_LOOP_TURN) {}

  /** Resolves when the turn may begin: at once, or on a later turn of the loop, in arrival order. */
  begin(): Promise<void> {
    if (this.begun < this.perLoopTurn && this.waiting.length === 0) {
      this.count();
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  /** Turns waiting for a later turn of the loop. */
  get queued(): number {
    return this.waiting.length;
  }

  private count(): void {
    if (this.begun++ === 0) setImmediate(() => this.nextLoopTurn());
  }

  private nextLoopTurn(): void {
    this.begun = 0;
    for (const go of this.waiting.splice(0, this.perLoopTurn)) {
      this.count();
      go();
    }
  }
}
