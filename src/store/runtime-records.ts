import { z } from 'zod';

// Records the bot shell needs to survive restarts and scale-out; they are not part of the domain.
const Record = { id: z.string().min(1), version: z.number().int().nonnegative() };

/** Where to reach a user proactively: an opaque, serialised conversation reference. Id: `${tenantId}/${aadObjectId}`. */
export const ConversationRecord = z.object({
  ...Record,
  tenantId: z.string().min(1),
  aadObjectId: z.string().min(1),
  reference: z.record(z.string(), z.unknown()),
  updatedAt: z.string(),
});
export type ConversationRecord = z.infer<typeof ConversationRecord>;

/** One document of dialog or user state (the bot's `Storage`), keyed by its storage key. */
export const StateRecord = z.object({
  ...Record,
  document: z.record(z.string(), z.unknown()),
  updatedAt: z.string(),
});
export type StateRecord = z.infer<typeof StateRecord>;

/**
 * An activity id claimed by the instance running its turn, then done with the turn's answer, so a
 * re-delivered activity has one effect. A record without `claimedUntil` is done.
 */
export const ProcessedActivity = z.object({
  ...Record,
  at: z.string(),
  /** The invoke response the first delivery got, returned again to a re-delivery. */
  response: z.unknown().optional(),
  /** While its turn runs: the instance running it, and until when that claim holds if the instance dies. */
  claimedBy: z.string().optional(),
  claimedUntil: z.string().optional(),
});
export type ProcessedActivity = z.infer<typeof ProcessedActivity>;

/** A proactive message owed to one user; kept until delivered so a failure is retried later. */
export const NotificationRecord = z.object({
  ...Record,
  tenantId: z.string().min(1),
  aadObjectId: z.string().min(1),
  kind: z.string().min(1),
  /** What the message is about (an invitation id…), so a delivered card can be replaced when it changes. */
  subjectId: z.string().optional(),
  payload: z.record(z.string(), z.unknown()),
  status: z.enum(['pending', 'delivered', 'failed']),
  attempts: z.number().int().nonnegative(),
  lastError: z.string().optional(),
  /** When it was last tried (the operator's list of failed ones shows it). */
  lastAttemptAt: z.string().optional(),
  nextAttemptAt: z.string(),
  createdAt: z.string(),
  deliveredAt: z.string().optional(),
  /** While an instance is sending it: until when its claim holds (see services/outbox-claim.ts). */
  claimedUntil: z.string().optional(),
});
export type NotificationRecord = z.infer<typeof NotificationRecord>;

/** A reminder the expiry guardian has sent. Id: `${subjectId}/${milestone}` so it is sent once. */
export const ReminderRecord = z.object({
  ...Record,
  subjectId: z.string().min(1),
  milestone: z.string().min(1),
  sentAt: z.string(),
});
export type ReminderRecord = z.infer<typeof ReminderRecord>;

/**
 * A file behind a short-lived download link (a timeline's CSV), shared by every instance. Id: the SHA-256
 * of the link's token, never the token itself, so reading the store does not give working links.
 */
export const DownloadRecord = z.object({
  ...Record,
  ownerKey: z.string().min(1),
  filename: z.string().min(1),
  contentType: z.string().min(1),
  body: z.string(),
  createdAt: z.string(),
  expiresAt: z.string(),
});
export type DownloadRecord = z.infer<typeof DownloadRecord>;
