import { conflictOf } from './commit-check.js';
import { encodeLine, type EncodedLine } from './log-line.js';
import type { QueuedCommit } from './log-transaction.js';
import type { CollectionName } from './store.js';

/** How much of a batch is encoded between two turns of the event loop. */
const YIELD_AFTER_BYTES = 1024 * 1024;

export interface AcceptedCommit {
  commit: QueuedCommit;
  at: EncodedLine['at'];
  jsons: (string | null)[];
}

/**
 * One group commit's log lines: each commit checked against the committed versions and the batch's earlier
 * commits, in arrival order (a conflicting one is rejected at once), and encoded from `position` on. A batch
 * of large records (CSV downloads, hundreds of KB each) gives the event loop back every megabyte, so its
 * encoding never holds every other turn for the whole batch.
 */
export async function encodeBatch(
  batch: readonly QueuedCommit[],
  position: number,
  committedVersion: (collection: CollectionName, id: string) => number | undefined,
): Promise<{ accepted: AcceptedCommit[]; lines: string[] }> {
  const versions = new Map<string, number | null>();
  const accepted: AcceptedCommit[] = [];
  const lines: string[] = [];
  let yieldedAt = position;
  for (const commit of batch) {
    if (position - yieldedAt > YIELD_AFTER_BYTES) {
      yieldedAt = position;
      await new Promise((resolve) => setImmediate(resolve));
    }
    const conflict = conflictOf(commit.writes, versions, committedVersion);
    if (conflict) {
      commit.reject(conflict);
      continue;
    }
    for (const w of commit.writes)
      versions.set(`${w.collection}/${w.id}`, w.kind === 'remove' ? null : w.record.version);
    const writes = commit.writes.map((w) => ({
      collection: w.collection,
      id: w.id,
      json: w.kind === 'remove' ? null : JSON.stringify(w.record),
    }));
    const line = encodeLine(writes, position);
    position += line.bytes;
    lines.push(line.text);
    accepted.push({ commit, at: line.at, jsons: writes.map((w) => w.json) });
  }
  return { accepted, lines };
}
