import { z } from 'zod';
import { button } from '../../../cards/button.js';
import { canWeCard, canWeHelpCard, HELPDESK_VERBS } from '../../../cards/helpdesk-cards.js';
import { noticeCard } from '../../../cards/notice-card.js';
import { describeRefusal } from '../../../cards/refusal.js';
import type { CardAttachment } from '../../../cards/render.js';
import { CanWeService, type CanWeAnswer } from '../../../services/helpdesk/can-we.js';
import type { Outcome } from '../../../services/outcome.js';
import { taskById, TASKS } from '../../../services/helpdesk/task-roles.js';
import type { Store } from '../../../store/store.js';
import { cardAction, type CardActionHandler } from '../../card-actions.js';
import type { CommandRegistration } from '../../command-handler.js';
import type { Session } from '../../session.js';
import { VIEW_RELATIONSHIPS } from '../../permissions.js';
import { command } from '../../command-handler.js';

/** "can we reset a password for contoso" / "¿podemos restablecer una contraseña para contoso?" */
export function canWeFeature(store: Store, clock: () => Date) {
  const service = new CanWeService(store, clock);

  function show(session: Session, outcome: Outcome<CanWeAnswer>): CardAttachment {
    const { tr } = session;
    if (!outcome.ok) {
      const text = describeRefusal(outcome.refusal, tr);
      if (outcome.refusal.code === 'can-we-task-unknown') return canWeHelpCard(text, tr);
      return noticeCard(tr.t('command.can-we.title'), text, 'attention');
    }
    const answer = outcome.value;
    if (answer.kind === 'did-you-mean') {
      return noticeCard(
        tr.t('status.didYouMean'),
        tr.t('canWe.didYouMeanText', { task: tr.t(`task.${answer.task.id}`) }),
        'default',
        [],
        answer.candidates.map((o) =>
          button(`${o.name} (${o.primaryDomain})`, HELPDESK_VERBS.canWe, {
            task: answer.task.id,
            customer: o.primaryDomain,
          }),
        ),
      );
    }
    return canWeCard(answer, tr);
  }

  const commands: CommandRegistration[] = [
    command('can-we', VIEW_RELATIONSHIPS, async ({ context, session, args }) => {
      const card = args.trim()
        ? show(session, await service.ask(session, args))
        : canWeHelpCard(session.tr.t('canWe.usage'), session.tr);
      await context.sendActivity({ attachments: [card] });
    }),
  ];
  const cardActions: CardActionHandler[] = [
    cardAction({
      verb: HELPDESK_VERBS.canWe,
      permission: VIEW_RELATIONSHIPS,
      data: z.object({
        task: z.enum(TASKS.map((t) => t.id) as [string, ...string[]]),
        customer: z.string().min(1).max(200),
      }),
      handle: async (_c, session, { task, customer }) =>
        show(session, await service.askTask(session, taskById(task)!, customer)),
    }),
  ];
  return { commands, cardActions };
}
