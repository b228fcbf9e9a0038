import type { Invitation, Language, Organization, User } from '../../domain/model.js';
import { invitationCard, invitationClosedCard } from '../../cards/invitation-card.js';
import { noticeCard } from '../../cards/notice-card.js';
import type { CardAttachment } from '../../cards/render.js';
import { formatDateTime } from '../../cards/format.js';
import { invitationFacts } from '../../cards/labels.js';
import { translator } from '../../i18n/i18n.js';
import { identityKey, type StoreReader, type Transaction } from '../../store/store.js';
import type { NotificationRecord } from '../../store/runtime-records.js';
import type { Notifier, OutgoingMessage } from '../outbox/notifications.js';

/** Who hears about an invitation, in Teams, and what they see. */
export class InvitationDelivery {
  constructor(
    private readonly store: StoreReader,
    private readonly notifier: Notifier,
    private readonly defaultLanguage: Language,
    private readonly clock: () => Date,
  ) {}

  /** The customer's admins who may answer: global admins, and billing admins for reseller-only invitations. */
  async customerAdmins(reader: StoreReader, invitation: Invitation): Promise<User[]> {
    if (!invitation.customerTenantId) return [];
    const users = await reader.findBy('users', 'tenant', invitation.customerTenantId);
    return users.filter(
      (u) =>
        u.roles.side === 'customer' &&
        (u.roles.admin.includes('global-admin') ||
          (!invitation.adminAccess && u.roles.admin.includes('billing-admin'))),
    );
  }

  /** Teams user ids of people who have a conversation with the bot, for a card's `refresh.userIds`. */
  async teamsUserIds(reader: StoreReader, users: User[]): Promise<string[]> {
    const ids: string[] = [];
    for (const user of users) {
      const conversation = await reader.get('conversations', identityKey(user.tenantId, user.aadObjectId));
      const id = (conversation?.reference.user as { id?: string } | undefined)?.id;
      if (id) ids.push(id);
    }
    return ids;
  }

  /** The invitation went out: each customer admin gets the Accept & Authorize card in Teams. */
  async invitationSent(tx: Transaction, invitation: Invitation): Promise<number> {
    const view = await this.view(tx, invitation);
    if (!view) return 0;
    const admins = await this.customerAdmins(tx, invitation);
    const refreshUserIds = await this.teamsUserIds(tx, admins);
    for (const admin of admins) {
      const tr = translator(admin.language ?? this.defaultLanguage);
      const card = invitationCard(view, tr, { now: this.clock(), refreshUserIds });
      this.notifier.enqueue(tx, admin, 'invitation.received', { card }, invitation.id);
    }
    return admins.length;
  }

  /**
   * The customer answered: the partner's staff who follow it are told which invitation (what it asked, who
   * sent it when), once each, with the MCA when the same answer accepted it; every other customer admin's
   * copy of the card is replaced by the final state, all in the answering transaction.
   */
  async invitationAnswered(
    tx: Transaction,
    invitation: Invitation,
    _partner?: Organization,
    answer: { mcaRecorded: boolean } = { mcaRecorded: false },
  ): Promise<void> {
    await this.closeDeliveredCards(tx, invitation);
    const customer = invitation.customerTenantId
      ? await tx.get('organizations', invitation.customerTenantId)
      : undefined;
    const by = invitation.decidedBy;
    if (!customer || !by) return;
    const accepted = invitation.status === 'accepted';
    const told = new Set<string>();
    // Everyone told reads the same card in their language: rendered once per language, not once per person.
    const cards = new Map<Language, CardAttachment>();
    const cardIn = (language: Language) => {
      const tr = translator(language);
      const key = accepted ? 'notify.invitationAccepted' : 'notify.invitationDeclined';
      const text = [
        tr.t(`${key}.text`, { name: by.name, at: formatDateTime(by.at, tr) }),
        ...(accepted && answer.mcaRecorded ? [tr.t('notify.withMca', { customer: customer.name })] : []),
      ].join(' ');
      const card = noticeCard(
        tr.t(`${key}.title`, { customer: customer.name }),
        text,
        accepted ? 'good' : 'warning',
        invitationFacts(invitation, customer.name, tr),
      );
      cards.set(language, card);
      return card;
    };
    for (const tenantId of [
      invitation.partnerTenantId,
      ...(invitation.providerTenantId ? [invitation.providerTenantId] : []),
    ]) {
      // Through the index: a partner with hundreds of helpdesk agents is not read whole for its few admins.
      const creator = await tx.get('users', invitation.createdBy.userId);
      const staff = [
        ...(creator?.tenantId === tenantId ? [creator] : []),
        ...(await tx.findBy('users', 'partnerAdmins', tenantId)),
      ];
      for (const person of staff) {
        if (told.has(person.id)) continue;
        told.add(person.id);
        const language = person.language ?? this.defaultLanguage;
        const card = cards.get(language) ?? cardIn(language);
        this.notifier.enqueue(
          tx,
          person,
          accepted ? 'invitation.accepted' : 'invitation.declined',
          { card },
          invitation.id,
        );
      }
    }
  }

  /**
   * After an answer, every admin's copy of the card becomes the final state, so nobody clicks a stale one;
   * the answerer's own copy is the one their click replaces. Queued: the answer never waits on the connector.
   */
  async closeDeliveredCards(tx: Transaction, invitation: Invitation): Promise<number> {
    const partner = await tx.get('organizations', invitation.partnerTenantId);
    if (!partner) return 0;
    const answerer = invitation.decidedBy ? await tx.get('users', invitation.decidedBy.userId) : undefined;
    return this.notifier.queueReplacements(tx, invitation.id, async (n: NotificationRecord) => {
      if (n.kind !== 'invitation.received' || n.aadObjectId === answerer?.aadObjectId) return undefined;
      const [recipient] = await tx.findBy('users', 'identity', identityKey(n.tenantId, n.aadObjectId));
      const language = recipient?.language ?? this.defaultLanguage;
      return { card: invitationClosedCard(invitation, partner, translator(language)) } satisfies OutgoingMessage;
    });
  }

  async view(reader: StoreReader, invitation: Invitation) {
    const partner = await reader.get('organizations', invitation.partnerTenantId);
    const customer = invitation.customerTenantId
      ? await reader.get('organizations', invitation.customerTenantId)
      : undefined;
    if (!partner || !customer) return undefined;
    const provider = invitation.providerTenantId
      ? await reader.get('organizations', invitation.providerTenantId)
      : undefined;
    const mca = customer.mcaAcceptanceId ? await reader.get('agreements', customer.mcaAcceptanceId) : undefined;
    return { invitation, partner, provider, customer, mca } satisfies Parameters<typeof invitationCard>[0] & {
      partner: Organization;
    };
  }
}
