import type { AuditEvent } from '../../../domain/model.js';
import { describeAction } from '../../../cards/audit-words.js';
import type { Translator } from '../../../i18n/i18n.js';
import { toCsv } from '../../../services/helpdesk/csv.js';

export interface TimelineCsv {
  text: string;
  /** Events written. */
  rows: number;
}

/**
 * The CSV of a timeline's events, newest first, from batches the reader hands over a few hundred at a time:
 * each batch becomes its own slice of text, so no single stretch of work covers the whole history. Columns:
 * the header in the user's language, the date in ISO so spreadsheets sort it. Undefined once the text is
 * longer than `maxChars`: nothing more is read for a file no link could hold.
 */
export async function timelineCsv(
  batches: AsyncIterable<AuditEvent[]>,
  tr: Translator,
  maxChars: number,
): Promise<TimelineCsv | undefined> {
  const header = ['date', 'what', 'who', 'organisation', 'subject'].map((c) => tr.t(`timeline.csv.${c}`));
  const parts = [toCsv([header])];
  let chars = parts[0]!.length;
  let rows = 0;
  // Thousands of events share a handful of actions: each is put in words once.
  const words = new Map<string, string>();
  const system = tr.t('status.system');
  for await (const batch of batches) {
    if (batch.length === 0) continue;
    const part = toCsv(
      batch.map((e) => {
        let what = words.get(e.action);
        if (what === undefined) words.set(e.action, (what = describeAction(e, tr)));
        return [e.at, what, e.actor?.name ?? system, e.actor?.tenantId ?? '', `${e.target.type}/${e.target.id}`];
      }),
    );
    chars += part.length;
    if (chars > maxChars) return undefined;
    parts.push(part);
    rows += batch.length;
  }
  return { text: parts.join(''), rows };
}
