import { randomUUID } from 'node:crypto';
import type { Actor, AuditEvent } from '../domain/model.js';
import { relationshipGroup } from '../store/audit-indexes.js';
import { FOREVER } from '../store/ordered-indexes.js';
import type { Store, Transaction } from '../store/store.js';

export interface AuditEntry {
  actor: Actor | null;
  action: string;
  target: AuditEvent['target'];
  tenantIds: string[];
  before?: unknown;
  after?: unknown;
}

/** Records who did what inside the same transaction as the change, so there is no change without its event. */
export function audit(tx: Transaction, now: Date, entry: AuditEntry): AuditEvent {
  return tx.insert('auditEvents', { id: randomUUID(), at: now.toISOString(), ...entry });
}

/** A relationship's newest event through its ordered index: one record read, not its whole history. */
export async function newestEventOf(
  store: Pick<Store, 'findPage'>,
  relationshipId: string,
): Promise<AuditEvent | undefined> {
  const range = { group: relationshipGroup(relationshipId), from: '', to: FOREVER, offset: 0, limit: 0 };
  const { total } = await store.findPage('auditEvents', 'relationshipSince', range);
  if (total === 0) return undefined;
  const last = { ...range, offset: total - 1, limit: 1 };
  return (await store.findPage('auditEvents', 'relationshipSince', last)).records[0];
}
