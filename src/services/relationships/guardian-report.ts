import { ConflictError, withRetry, type Store, type Transaction } from '../../store/store.js';
import type { GuardianReport } from './expiry-guardian.js';

/**
 * Runs one subject's guardian transaction and adds what it did to `report` only once it committed. An
 * attempt that lost to another instance (or run) recording the same reminder first sent nothing, and
 * reports nothing.
 */
export async function committedReport(
  store: Store,
  report: GuardianReport,
  work: (tx: Transaction, attempt: GuardianReport) => Promise<void>,
): Promise<void> {
  let attempt: GuardianReport = { reminders: [], expired: [], extended: [] };
  try {
    await withRetry(store, (tx) => {
      attempt = { reminders: [], expired: [], extended: [] };
      return work(tx, attempt);
    });
  } catch (error) {
    if (error instanceof ConflictError && error.collection === 'reminders') return;
    throw error;
  }
  report.reminders.push(...attempt.reminders);
  report.expired.push(...attempt.expired);
  report.extended.push(...attempt.extended);
}
