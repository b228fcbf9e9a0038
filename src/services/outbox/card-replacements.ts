import { randomUUID } from 'node:crypto';
import type { NotificationRecord } from '../../store/runtime-records.js';
import type { Transaction } from '../../store/store.js';
import type { OutgoingMessage } from './notifications.js';

/** The kind of a notification that replaces a card delivered earlier (`payload.activityId`) instead of sending one. */
export const REPLACE_KIND = 'update';

/** A recipient's new message for a card they were sent, or undefined to leave their copy as it is. */
export type RenderReplacement = (
  notification: NotificationRecord,
) => Promise<OutgoingMessage | undefined> | OutgoingMessage | undefined;

/**
 * Queues, in the caller's transaction, the replacement of every delivered card about `subjectId` (e.g. an
 * invitation someone else just accepted), so nobody acts on a stale copy. The replacement is outbox work:
 * the turn never waits on the connector, and a copy that cannot be updated now is retried like any
 * notification. A copy not delivered yet is not replaced (the server-side state check still refuses it).
 */
export async function queueReplacements(
  tx: Transaction,
  now: Date,
  subjectId: string,
  render: RenderReplacement,
): Promise<number> {
  let queued = 0;
  for (const n of await tx.findBy('notifications', 'subject', subjectId)) {
    const activityId = n.payload.activityId;
    if (n.kind === REPLACE_KIND || n.status !== 'delivered' || typeof activityId !== 'string') continue;
    const message = await render(n);
    if (!message) continue;
    tx.insert('notifications', {
      id: randomUUID(),
      tenantId: n.tenantId,
      aadObjectId: n.aadObjectId,
      kind: REPLACE_KIND,
      subjectId,
      payload: { ...message, activityId, replaces: n.id },
      status: 'pending',
      attempts: 0,
      nextAttemptAt: now.toISOString(),
      createdAt: now.toISOString(),
    });
    queued++;
  }
  return queued;
}
