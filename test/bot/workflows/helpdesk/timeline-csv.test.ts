import { timelineCsv } from '../../../../src/bot/workflows/helpdesk/timeline-csv.js';
import type { AuditEvent } from '../../../../src/domain/model.js';
import { translator } from '../../../../src/i18n/i18n.js';

const HEADER = 'Date (UTC),What,Who,Organisation (tenant id),Subject\r\n';
const event = (n: number, action = 'relationship.reminder-30d'): AuditEvent => ({
  id: `e-${n}`,
  version: 1,
  at: `2026-11-22T10:00:0${n}.000Z`,
  actor: n % 2 ? { userId: 'u', name: 'Ann, "A"', tenantId: 't-1' } : null,
  action,
  target: { type: 'relationship', id: 'rel-1' },
  tenantIds: ['t-1', 't-2'],
});
const row = (n: number) =>
  n % 2
    ? `2026-11-22T10:00:0${n}.000Z,Reminder sent: admin access ends in 30 days,"Ann, ""A""",t-1,relationship/rel-1\r\n`
    : `2026-11-22T10:00:0${n}.000Z,Reminder sent: admin access ends in 30 days,Partner Desk,,relationship/rel-1\r\n`;

/** Batches handed over one at a time, counting how many were asked for. */
function batches(...parts: AuditEvent[][]) {
  let taken = 0;
  return {
    taken: () => taken,
    async *[Symbol.asyncIterator]() {
      for (const part of parts) {
        taken++;
        yield part;
      }
    },
  };
}

describe('timeline CSV', () => {
  it.each<[string, AuditEvent[][], string, number]>([
    ['no events: the header alone', [], HEADER, 0],
    ['one batch', [[event(3), event(2)]], HEADER + row(3) + row(2), 2],
    [
      'batches joined as one file, an empty one skipped',
      [[event(5)], [], [event(4), event(3)]],
      HEADER + row(5) + row(4) + row(3),
      3,
    ],
  ])('%s', async (_what, parts, text, rows) => {
    expect(await timelineCsv(batches(...parts), translator('en'), 1_000_000)).toEqual({ text, rows });
  });

  it('stops reading once the file is larger than a link holds', async () => {
    const source = batches([event(1)], [event(2)], [event(3)], [event(4)]);
    const limit = HEADER.length + row(1).length + 1;
    expect(await timelineCsv(source, translator('en'), limit)).toBeUndefined();
    expect(source.taken()).toBe(2);
  });
});
