import { giveWay, inBatches, inTurns, PER_TURN } from '../../src/store/give-way.js';
import { countingLoopTurns } from '../support/loop-turns.js';

describe('giving way', () => {
  it('passes that give way together go on one per turn of the event loop, in the order they gave way', async () => {
    const resumed: string[] = [];
    await countingLoopTurns((turn) => {
      const pass = async (name: string) => {
        for (let n = 0; n < 5; n++) {
          await giveWay();
          resumed.push(`${name}@${turn()}`);
        }
      };
      return Promise.all(['a', 'b', 'c'].map(pass));
    });
    const turns = resumed.map((r) => Number(r.split('@')[1]));
    // Fifteen resumptions in fifteen different turns: no turn held two passes' work.
    expect(new Set(turns).size).toBe(15);
    expect(resumed.slice(0, 3).map((r) => r[0])).toEqual(['a', 'b', 'c']);
  });

  it('hands records over in batches', async () => {
    const seen: number[] = [];
    for await (const batch of inBatches(Array.from({ length: 600 }, (_, i) => i))) seen.push(batch.length);
    expect(seen).toEqual([250, 250, 100]);
  });

  it('lets waiting callers go on PER_TURN at a time: the first ones in this turn of the loop, the rest in later ones', async () => {
    const wentOn: number[] = [];
    await countingLoopTurns(
      (turn) =>
        new Promise<void>((done) =>
          inTurns(
            Array.from({ length: 10 }, (_, i) => i),
            (i) => {
              wentOn[i] = turn();
              if (i === 9) done();
            },
          ),
        ),
    );
    const perTurn = new Map<number, number>();
    for (const at of wentOn) perTurn.set(at, (perTurn.get(at) ?? 0) + 1);
    expect(PER_TURN).toBe(4);
    expect(wentOn.slice(0, PER_TURN)).toEqual([0, 0, 0, 0]);
    expect([...perTurn.values()]).toEqual([4, 4, 2]);
    // In order: nobody goes on before one who was waiting before them.
    expect(wentOn).toEqual([...wentOn].sort((a, b) => a - b));
  });
});
