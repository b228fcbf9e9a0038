// A group commit makes its whole batch durable and visible at once, then lets its transactions' turns go on
// a few per turn of the event loop, so forty turns resolved together never hold every timer behind them.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PER_TURN } from '../../src/store/give-way.js';
import { openLowdbStore } from '../../src/store/lowdb-store.js';
import type { Store } from '../../src/store/store.js';
import { countingLoopTurns } from '../support/loop-turns.js';
import { NOW, smallWorld } from '../support/world.js';

describe('the embedded store releases a group commit a few transactions per loop turn', () => {
  let dir: string;
  let store: Store;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'partner-desk-release-'));
    store = await openLowdbStore({ file: join(dir, 'store.json'), seed: smallWorld(), now: () => NOW });
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('has every record of the batch readable when the first transaction returns, and returns the rest in later turns', async () => {
    const ids = Array.from({ length: 3 * PER_TURN + 1 }, (_, n) => `burst-${n}`);
    const returnedAt: number[] = [];
    let visibleAtFirst: number | undefined;
    await countingLoopTurns((turn) =>
      Promise.all(
        ids.map((id, n) =>
          store
            .transaction((tx) => void tx.insert('activities', { id, at: NOW.toISOString() }))
            .then(async () => {
              returnedAt[n] = turn();
              if (visibleAtFirst === undefined) {
                visibleAtFirst = 0;
                for (const other of ids) if (await store.get('activities', other)) visibleAtFirst++;
              }
            }),
        ),
      ),
    );
    expect(visibleAtFirst).toBe(ids.length);
    const perTurn = new Map<number, number>();
    for (const at of returnedAt) perTurn.set(at, (perTurn.get(at) ?? 0) + 1);
    expect(Math.max(...perTurn.values())).toBeLessThanOrEqual(PER_TURN);
    expect(perTurn.size).toBeGreaterThanOrEqual(Math.ceil(ids.length / PER_TURN));
    // In the order they committed.
    expect(returnedAt).toEqual([...returnedAt].sort((a, b) => a - b));
  });
});
