import type { Language, Organization, User } from '../../domain/model.js';
import { identityKey, type StoreReader } from '../../store/store.js';

/** Who is acting in this turn, as the store knows them. Always from the activity's tenant + AAD object id. */
export type Identity =
  | { kind: 'known'; user: User; org: Organization }
  | { kind: 'unknown-tenant'; tenantId: string }
  | { kind: 'unknown-user'; org: Organization };

export async function resolveIdentity(store: StoreReader, tenantId: string, aadObjectId: string): Promise<Identity> {
  const org = await store.get('organizations', tenantId);
  if (!org) return { kind: 'unknown-tenant', tenantId };
  const [user] = await store.findBy('users', 'identity', identityKey(tenantId, aadObjectId));
  if (!user) return { kind: 'unknown-user', org };
  return { kind: 'known', user, org };
}

export function preferredLanguage(user: User | undefined, clientLanguage: Language): Language {
  return user?.language ?? clientLanguage;
}
