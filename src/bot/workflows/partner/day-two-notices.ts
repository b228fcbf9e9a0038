import type { CardAttachment } from '../../../cards/render.js';
import type { User } from '../../../domain/model.js';
import { translator, type Translator } from '../../../i18n/i18n.js';
import type { Transaction } from '../../../store/store.js';
import type { WorkflowDeps } from '../../workflow-module.js';

type Card = (tr: Translator, person: User) => CardAttachment;

/** Queues one card per person, each in their own language, inside the transaction of the change. */
function tell(deps: WorkflowDeps, tx: Transaction, people: User[], kind: string, subjectId: string, card: Card) {
  for (const person of people) {
    const tr = translator(person.language ?? deps.config.defaultLanguage);
    deps.notifier.enqueue(tx, person, kind, { card: card(tr, person) }, subjectId);
  }
}

/** The customer's admins (anyone with a customer admin role): they are told of each change to a partner's access. */
export async function tellCustomerAdmins(
  deps: WorkflowDeps,
  tx: Transaction,
  customerTenantId: string,
  kind: string,
  subjectId: string,
  card: Card,
): Promise<void> {
  const admins = (await tx.findBy('users', 'tenant', customerTenantId)).filter(
    (u) => u.roles.side === 'customer' && u.roles.admin.length > 0,
  );
  tell(deps, tx, admins, kind, subjectId, card);
}

/** The partner's admin agents and global admins: those who may answer what a customer asks. */
export async function tellPartnerAdminAgents(
  deps: WorkflowDeps,
  tx: Transaction,
  partnerTenantId: string,
  kind: string,
  subjectId: string,
  card: Card,
): Promise<void> {
  const agents = (await tx.findBy('users', 'tenant', partnerTenantId)).filter(
    (u) => u.roles.side === 'partner' && (u.roles.agent === 'admin-agent' || u.roles.admin === 'global-admin'),
  );
  tell(deps, tx, agents, kind, subjectId, card);
}
