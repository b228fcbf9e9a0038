import { TURN_STARTS_PER_LOOP_TURN, TurnStarts } from '../../src/bot/turn-starts.js';
import { countingLoopTurns } from '../support/loop-turns.js';

describe('turn starts', () => {
  it(`begins ${TURN_STARTS_PER_LOOP_TURN} turns in one turn of the event loop and the rest in the next ones, in arrival order`, async () => {
    const starts = new TurnStarts();
    const begunAt = await countingLoopTurns((turn) =>
      Promise.all(Array.from({ length: 10 }, () => starts.begin().then(() => turn()))),
    );
    expect(begunAt.slice(0, 4)).toEqual([0, 0, 0, 0]);
    const perLoopTurn = new Map<number, number>();
    for (const at of begunAt) perLoopTurn.set(at, (perLoopTurn.get(at) ?? 0) + 1);
    expect([...perLoopTurn.values()]).toEqual([4, 4, 2]);
    expect(begunAt).toEqual([...begunAt].sort((a, b) => a - b));
    expect(starts.queued).toBe(0);
  });

  it('holds nothing while a turn runs: a turn that never ends does not keep later ones from beginning', async () => {
    const starts = new TurnStarts(1);
    await starts.begin();
    // The first turn has begun and never ends (a connector that never answers): the next ones still begin.
    const later = await countingLoopTurns((turn) =>
      Promise.all([starts.begin(), starts.begin(), starts.begin()].map((p) => p.then(() => turn()))),
    );
    expect(later).toHaveLength(3);
    expect(new Set(later).size).toBe(3);
  });

  it('begins a turn at once when the loop is quiet', async () => {
    const starts = new TurnStarts();
    let begun = false;
    const begin = starts.begin().then(() => (begun = true));
    await Promise.resolve();
    expect(begun).toBe(true);
    await begin;
  });
});
