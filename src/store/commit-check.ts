import type { PendingWrite } from './log-transaction.js';
import { ConflictError, type CollectionName } from './store.js';

/**
 * Why a commit cannot be applied, if it cannot: an insert over an existing id, or an update or removal of a
 * record that changed since it was read. Earlier commits of the same batch count as committed.
 */
export function conflictOf(
  writes: PendingWrite[],
  batchVersions: Map<string, number | null>,
  committedVersion: (collection: CollectionName, id: string) => number | undefined,
): ConflictError | undefined {
  for (const w of writes) {
    const key = `${w.collection}/${w.id}`;
    const current = batchVersions.has(key) ? batchVersions.get(key) : committedVersion(w.collection, w.id);
    const exists = current !== undefined && current !== null;
    if (w.kind === 'insert' && exists) return new ConflictError(w.collection, w.id, 'exists');
    if (w.kind !== 'insert' && !exists) return new ConflictError(w.collection, w.id, 'missing');
    if (w.kind !== 'insert' && current !== w.expectedVersion) return new ConflictError(w.collection, w.id, 'version');
  }
  return undefined;
}
