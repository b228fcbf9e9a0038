import type { TurnContext } from 'botbuilder';
import { noticeCard } from '../cards/notice-card.js';
import { describeRefusal } from '../cards/refusal.js';
import type { CardAttachment } from '../cards/render.js';
import type { StoreReader } from '../store/store.js';
import { roleRefusal, type Permission } from './permissions.js';

// The role check lives with the permissions, so help lists exactly the commands this gate admits.
export { roleRefusal };
import type { Session } from './session.js';
import { targetAllowed } from './target-check.js';

/** Teams marks a one-to-one chat with the bot `personal`; group chats and channels carry others' eyes. */
export function isPersonalConversation(context: TurnContext): boolean {
  const conversation = context.activity.conversation;
  const type = conversation?.conversationType;
  return type === undefined || type === '' ? conversation?.isGroup !== true : type === 'personal';
}

export type Admission = { admitted: true } | { admitted: false; card: CardAttachment; reason: string };

/**
 * The one gate every command and card verb passes before its handler runs: the conversation may show the
 * answer, the acting user's roles allow the declared action, and the record the payload names belongs to
 * the acting organisation. Handlers may check more (rules about the organisations involved), never less.
 */
export class Dispatcher {
  constructor(private readonly store: StoreReader) {}

  async admit(
    context: TurnContext,
    session: Session,
    permission: Permission,
    data: Record<string, unknown> = {},
  ): Promise<Admission> {
    const { tr } = session;
    if (!permission.shared && !isPersonalConversation(context)) {
      return {
        admitted: false,
        reason: 'personal-chat-only',
        card: noticeCard(tr.t('permission.personalOnly.title'), tr.t('permission.personalOnly.text'), 'warning'),
      };
    }
    const refusal = roleRefusal(session, permission);
    if (refusal) {
      return {
        admitted: false,
        reason: refusal.code,
        card: noticeCard(tr.t('permission.refused.title'), describeRefusal(refusal, tr), 'attention'),
      };
    }
    if (!(await targetAllowed(this.store, permission, data, session.org))) {
      return {
        admitted: false,
        reason: 'target-not-found',
        card: noticeCard(tr.t('permission.refused.title'), tr.t('refusal.target-not-found'), 'attention'),
      };
    }
    return { admitted: true };
  }
}
