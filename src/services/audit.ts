import { randomUUID } from 'node:crypto';
import type { Actor, AuditEvent } from '../domain/model.js';
import type { Transaction } from '../store/store.js';

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
