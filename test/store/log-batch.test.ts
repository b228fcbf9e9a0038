import { encodeBatch } from '../../src/store/log-batch.js';
import { encodeLine } from '../../src/store/log-line.js';
import type { QueuedCommit } from '../../src/store/log-transaction.js';

/** A commit inserting one download record of `chars` characters. */
function download(id: string, chars: number, outcome: string[]): QueuedCommit {
  const record = { id, version: 1, body: 'x'.repeat(chars) };
  return {
    writes: [{ collection: 'downloads', id, kind: 'insert', expectedVersion: 0, record }],
    resolve: () => outcome.push(`${id} resolved`),
    reject: (error) => outcome.push(`${id} rejected: ${(error as Error).name}`),
  };
}

/** Runs `work`, counting the turns of the event loop that went by meanwhile. */
async function turnsDuring<T>(work: () => Promise<T>): Promise<{ result: T; turns: number }> {
  let turns = 0;
  let done = false;
  const tick = () => {
    if (done) return;
    turns++;
    setImmediate(tick);
  };
  setImmediate(tick);
  const result = await work();
  done = true;
  return { result, turns };
}

describe("a group commit's batch, encoded", () => {
  it('gives the event loop back between large records, and encodes exactly what one pass would', async () => {
    const outcome: string[] = [];
    const batch = ['d1', 'd2', 'd3', 'd4', 'd5'].map((id) => download(id, 400_000, outcome));
    const { result, turns } = await turnsDuring(() => encodeBatch(batch, 100, () => undefined));
    // 2 MB in 400 KB records: a turn of the loop after every megabyte, not one stretch for the whole batch.
    expect(turns).toBeGreaterThanOrEqual(1);
    let position = 100;
    const expected = batch.map((c) => {
      const w = c.writes[0]!;
      const line = encodeLine([{ collection: w.collection, id: w.id, json: JSON.stringify(w.record) }], position);
      position += line.bytes;
      return line.text;
    });
    expect(result.lines).toEqual(expected);
    expect(result.accepted.map((a) => a.commit)).toEqual(batch);
    expect(outcome).toEqual([]);
  });

  it('encodes a batch of small commits in one go', async () => {
    const outcome: string[] = [];
    const batch = Array.from({ length: 50 }, (_, n) => download(`s${n}`, 200, outcome));
    const { result, turns } = await turnsDuring(() => encodeBatch(batch, 0, () => undefined));
    expect([result.lines.length, turns]).toEqual([50, 0]);
  });

  it('rejects a commit that conflicts with an earlier one of the batch or with the store, and keeps the rest', async () => {
    const outcome: string[] = [];
    const batch = [download('a', 10, outcome), download('a', 10, outcome), download('b', 10, outcome)];
    const { accepted } = await encodeBatch(batch, 0, (_, id) => (id === 'b' ? 3 : undefined));
    expect(accepted.map((a) => a.commit)).toEqual([batch[0]]);
    expect(outcome).toEqual(['a rejected: ConflictError', 'b rejected: ConflictError']);
  });
});
