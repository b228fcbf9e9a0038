import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { SecurityGroup } from '../domain/access.js';
import type { Actor } from '../domain/model.js';
import { foldText } from '../domain/text.js';
import { recordChange } from '../services/people/security-groups.js';
import type { Store } from '../store/store.js';

/** The file the operator gives: the partner's groups, members by email (as a directory export has them). */
const GroupFile = z.array(
  z.object({
    name: z.string().min(1),
    description: z.string().default(''),
    members: z.array(z.string().email()).default([]),
  }),
);

export class ImportRefused extends Error {}

/**
 * `import-groups --tenant <id> --file <groups.json>`: creates the partner's groups, or updates those with the
 * same name (case and accents aside), all at once or none: an unknown member email refuses the whole file.
 */
export async function importGroups(
  store: Store,
  tenantId: string,
  text: string,
  now: Date,
  actor: Actor,
): Promise<{ created: number; updated: number }> {
  const org = await store.get('organizations', tenantId);
  if (!org || org.kind === 'customer') throw new ImportRefused(`tenant ${tenantId} is not a registered partner`);
  let parsed;
  try {
    parsed = GroupFile.safeParse(JSON.parse(text));
  } catch {
    throw new ImportRefused('the file is not JSON');
  }
  if (!parsed.success) throw new ImportRefused('expected [{"name": …, "description": …, "members": [emails]}]');
  const staff = (await store.findBy('users', 'tenant', tenantId)).filter((u) => u.roles.side === 'partner');
  const byEmail = new Map(staff.map((u) => [u.email.toLowerCase(), u.id]));
  const unknown = parsed.data.flatMap((g) => g.members).filter((m) => !byEmail.has(m.toLowerCase()));
  if (unknown.length) throw new ImportRefused(`not users of ${org.name}: ${[...new Set(unknown)].join(', ')}`);
  return store.transaction(async (tx) => {
    const existing = await tx.findBy('securityGroups', 'partner', tenantId);
    let created = 0;
    let updated = 0;
    for (const entry of parsed.data) {
      const fields = {
        name: SecurityGroup.shape.name.parse(entry.name),
        description: SecurityGroup.shape.description.parse(entry.description),
        memberUserIds: [...new Set(entry.members.map((m) => byEmail.get(m.toLowerCase())!))],
        updatedAt: now.toISOString(),
      };
      const before = existing.find((g) => foldText(g.name) === foldText(fields.name));
      const saved = before
        ? tx.update('securityGroups', { ...before, ...fields })
        : tx.insert('securityGroups', {
            id: randomUUID(),
            partnerTenantId: tenantId,
            createdBy: actor,
            createdAt: now.toISOString(),
            ...fields,
          });
      if (before) updated++;
      else created++;
      if (!before) existing.push(saved);
      recordChange(tx, now, actor, saved, before);
    }
    return { created, updated };
  });
}
