import type { AuditEvent } from '../../../src/domain/model.js';
import { describeAction } from '../../../src/cards/audit-words.js';
import type { Translator } from '../../../src/i18n/i18n.js';
import { toCsv } from '../../../src/services/helpdesk/csv.js';
import { DEMO_TENANTS } from '../../../src/store/demo-world.js';
import type { NewRecord } from '../../../src/store/store.js';
import { persona } from '../../support/personas.js';

const T = DEMO_TENANTS;
const alex = persona('alex');
const franz = persona('franz');
const ACTIONS = ['relationship.reminder-30d', 'relationship.admin-roles-removed', 'relationship.unheard-of'];
const ACTORS: AuditEvent['actor'][] = [
  null,
  { userId: alex.id, name: alex.name, tenantId: alex.tenantId },
  { userId: franz.id, name: 'Becker, "Franz"', tenantId: franz.tenantId },
  { userId: 'x', name: '=HYPERLINK("http://evil.example","x")', tenantId: alex.tenantId },
];

/**
 * Years of Adatum–Fabrikam history: `count` events, three to a millisecond (so the id decides their order),
 * most about the relationship, some about an invitation, one in three naming a provider too (two-tier);
 * beside them, other pairs' events that no Adatum–Fabrikam timeline may show.
 */
export function busyHistory(now: Date, count: number): NewRecord<'auditEvents'>[] {
  const events: NewRecord<'auditEvents'>[] = [];
  for (let i = 0; i < count; i++) {
    events.push({
      id: `busy-${String(i).padStart(5, '0')}`,
      at: new Date(now.getTime() - 3_600_000 - Math.floor(i / 3) * 60_000).toISOString(),
      actor: ACTORS[i % ACTORS.length]!,
      action: ACTIONS[i % ACTIONS.length]!,
      target:
        i % 7 === 0 ? { type: 'invitation', id: `inv-busy-${i}` } : { type: 'relationship', id: 'rel-adatum-fabrikam' },
      tenantIds: i % 3 === 0 ? [T.litware, T.adatum, T.fabrikam] : [T.fabrikam, T.adatum],
    });
  }
  for (let i = 0; i < 40; i++) {
    const at = new Date(now.getTime() - i * 90_000).toISOString();
    const base = { at, actor: null, action: ACTIONS[0]! };
    events.push(
      {
        ...base,
        id: `other-a-${i}`,
        target: { type: 'relationship', id: 'rel-litware-contoso' },
        tenantIds: [T.litware, T.fabrikam],
      },
      { ...base, id: `other-b-${i}`, target: { type: 'organization', id: T.fabrikam }, tenantIds: [T.fabrikam] },
      {
        ...base,
        id: `other-c-${i}`,
        target: { type: 'relationship', id: 'rel-other' },
        tenantIds: [T.adatum, T.contoso],
      },
    );
  }
  return events;
}

/** As the timeline always ordered them: newest first, then by id (descending). */
export function newestFirst<E extends { at: string; id: string }>(events: readonly E[]): E[] {
  return [...events].sort((a, b) => b.at.localeCompare(a.at) || b.id.localeCompare(a.id));
}

/** What concerns both organisations. */
export const between = <E extends { tenantIds: string[] }>(events: readonly E[], a: string, b: string) =>
  events.filter((e) => e.tenantIds.includes(a) && e.tenantIds.includes(b));

/** The export as it was written before it read in batches: every row at once, BOM first. */
export function csvOfAll(events: readonly NewRecord<'auditEvents'>[], tr: Translator): string {
  const header = ['date', 'what', 'who', 'organisation', 'subject'].map((c) => tr.t(`timeline.csv.${c}`));
  const rows = newestFirst(events).map((e) => [
    e.at,
    describeAction(e as AuditEvent, tr),
    e.actor?.name ?? tr.t('status.system'),
    e.actor?.tenantId ?? '',
    `${e.target.type}/${e.target.id}`,
  ]);
  return '\uFEFF' + toCsv([header, ...rows]);
}
