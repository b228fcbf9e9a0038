import type { Transaction } from '../../store/store.js';

const DAY_MS = 86_400_000;

/**
 * The most urgent milestone that is due and not yet recorded, recorded now; earlier milestones that are also
 * due (the bot was down) are recorded as passed, so they are never sent late after a more urgent one.
 * Milestones are tied to the end date, so an extended end date gets its own reminders.
 */
export async function dueMilestone(
  tx: Transaction,
  subjectId: string,
  endIso: string,
  milestones: readonly number[],
  now: Date,
): Promise<{ id: string; days: number } | undefined> {
  const remainingMs = new Date(endIso).getTime() - now.getTime();
  const due = milestones.filter((days) => remainingMs <= days * DAY_MS).sort((a, b) => a - b);
  if (due.length === 0) return undefined;
  const key = (days: number) => `${days}d@${endIso.slice(0, 10)}`;
  const urgent = due[0]!;
  if (await tx.get('reminders', `${subjectId}/${key(urgent)}`)) return undefined;
  const sentAt = now.toISOString();
  for (const days of due) {
    const id = `${subjectId}/${key(days)}`;
    if (days !== urgent && (await tx.get('reminders', id))) continue;
    // Fails with ConflictError at commit when another run recorded it first: then nothing here is sent.
    tx.insert('reminders', { id, subjectId, milestone: key(days), sentAt });
  }
  return { id: `${subjectId}/${key(urgent)}`, days: urgent };
}
