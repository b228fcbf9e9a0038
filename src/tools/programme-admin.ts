import { DelegatedAdminProgramme } from '../domain/partner-programmes.js';
import { audit } from '../services/audit.js';
import { withRetry, type Store } from '../store/store.js';
import { UsageError } from './admin.js';

const OPERATOR = { userId: 'operator', name: 'Partner Desk operator', tenantId: 'operator' };

/**
 * set-programme: records the programme (seed 004) that lets a partner offer delegated administration in its trial
 * invitations and purchase offers; `none` takes it away. Invitations already sent keep what they carry.
 */
export async function setProgramme(store: Store, tenantId: string, value: string, now: Date): Promise<string> {
  const programme = value === 'none' ? undefined : DelegatedAdminProgramme.safeParse(value).data;
  if (value !== 'none' && !programme) {
    throw new UsageError(`--programme must be one of ${DelegatedAdminProgramme.options.join(', ')}, none`);
  }
  return withRetry(store, async (tx) => {
    const org = await tx.get('organizations', tenantId);
    if (!org) throw new UsageError(`tenant ${tenantId} is not registered`);
    if (org.kind === 'customer')
      throw new UsageError(`${org.name} is a customer: only partners offer delegated administration`);
    const { delegatedAdminProgramme: before, ...rest } = org;
    tx.update('organizations', programme ? { ...rest, delegatedAdminProgramme: programme } : rest);
    audit(tx, now, {
      actor: OPERATOR,
      action: 'organization.programme-set',
      target: { type: 'organization', id: tenantId },
      tenantIds: [tenantId],
      before: { delegatedAdminProgramme: before ?? null },
      after: { delegatedAdminProgramme: programme ?? null },
    });
    return programme
      ? `${org.name} is in ${programme}: its trials and purchase offers may include delegated administration.`
      : `${org.name} is in no delegated administration programme: its trials and offers can no longer include it.`;
  });
}
