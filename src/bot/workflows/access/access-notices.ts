import { adminRoleNames } from '../../../cards/format.js';
import { noticeCard } from '../../../cards/notice-card.js';
import type { SecurityGroup } from '../../../domain/access.js';
import type { Language, User } from '../../../domain/model.js';
import { translator } from '../../../i18n/i18n.js';
import type { Notifier } from '../../../services/outbox/notifications.js';
import type { AssignmentSettled } from '../../../services/relationships/access-assignments.js';
import { relationshipLabel } from '../../../services/relationships/relationship-names.js';
import type { Transaction } from '../../../store/store.js';

/** Who is told about access assignments and groups, in their own language, inside the changing transaction. */
export function accessNotices(notifier: Notifier, defaultLanguage: Language) {
  /** Members of an active assignment's group can now use its roles; an error goes to whoever made it, or the admin agents. */
  const settled: AssignmentSettled = async (tx, assignment, group, relationship) => {
    const customer = await tx.get('organizations', relationship.customerTenantId);
    const name = relationshipLabel(relationship, customer?.name ?? '');
    const staff = await tx.findBy('users', 'tenant', assignment.partnerTenantId);
    const told =
      assignment.status === 'active'
        ? staff.filter((u) => group?.memberUserIds.includes(u.id))
        : staff.filter((u) =>
            assignment.createdBy
              ? u.id === assignment.createdBy.userId
              : u.roles.side === 'partner' && u.roles.agent === 'admin-agent',
          );
    for (const person of told) {
      const tr = translator(person.language ?? defaultLanguage);
      const key = assignment.status === 'active' ? 'notify.accessActive' : 'notify.accessFailed';
      const params = {
        group: group?.name ?? tr.t('access.groupGone'),
        roles: adminRoleNames(assignment.roles, tr),
        relationship: name,
        customer: customer?.name ?? '',
        reason: tr.t(`access.error.${assignment.error ?? 'group-missing'}`),
      };
      const card = noticeCard(
        tr.t(`${key}.title`, params),
        tr.t(`${key}.text`, params),
        assignment.status === 'active' ? 'good' : 'warning',
      );
      notifier.enqueue(tx, person, `access-assignment.${assignment.status}`, { card }, assignment.id);
    }
  };

  /** People added to a group are told by whom, and which group. */
  function membersAdded(by: string) {
    return (tx: Transaction, group: SecurityGroup, added: User[]) => {
      for (const person of added) {
        const tr = translator(person.language ?? defaultLanguage);
        const card = noticeCard(
          tr.t('notify.groupJoined.title', { group: group.name }),
          tr.t('notify.groupJoined.text', { group: group.name, name: by }),
          'default',
        );
        notifier.enqueue(tx, person, 'security-group.member-added', { card }, group.id);
      }
    };
  }

  return { settled, membersAdded };
}
