import type { TurnContext } from 'botbuilder';
import type { Language, Organization, User } from '../domain/model.js';
import { languageOf, translator, type Translator } from '../i18n/i18n.js';
import { resolveIdentity, type Identity } from '../services/people/identity.js';
import type { StoreReader } from '../store/store.js';
import { tenantOf } from './activity-gate.js';

/** The acting user of a turn, resolved on the server from the activity (never from card data). */
export interface Session {
  user: User;
  org: Organization;
  tr: Translator;
  clientLanguage: Language;
}

export type SessionResult =
  | { kind: 'known'; session: Session }
  | { kind: 'anonymous'; tr: Translator }
  | { kind: 'unknown'; identity: Exclude<Identity, { kind: 'known' }>; tr: Translator };

const SESSION_KEY = Symbol('partnerDeskSession');

export async function resolveSession(
  context: TurnContext,
  store: StoreReader,
  defaultLanguage: Language,
): Promise<SessionResult> {
  const clientLanguage = languageOf(context.activity.locale, defaultLanguage);
  const tenantId = tenantOf(context.activity);
  const aadObjectId = context.activity.from?.aadObjectId;
  if (!tenantId || !aadObjectId) return { kind: 'anonymous', tr: translator(clientLanguage) };
  const identity = await resolveIdentity(store, tenantId, aadObjectId);
  if (identity.kind !== 'known') return { kind: 'unknown', identity, tr: translator(clientLanguage) };
  const session: Session = {
    user: identity.user,
    org: identity.org,
    clientLanguage,
    tr: translator(identity.user.language ?? clientLanguage),
  };
  context.turnState.set(SESSION_KEY, session);
  return { kind: 'known', session };
}

/** The session resolved at the start of this turn; dialogs use it. */
export function sessionOf(context: TurnContext): Session {
  const session = context.turnState.get(SESSION_KEY) as Session | undefined;
  if (!session) throw new Error('No session resolved for this turn');
  return session;
}

/** Replaces the turn's session after the user changed (e.g. their language). */
export function updateSession(context: TurnContext, session: Session): void {
  context.turnState.set(SESSION_KEY, session);
}
