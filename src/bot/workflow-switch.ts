import { z } from 'zod';
import type { TurnContext } from 'botbuilder';
import { noticeCard } from '../cards/notice-card.js';
import type { CardAttachment } from '../cards/render.js';
import type { Translator } from '../i18n/i18n.js';
import { cardAction, type CardActionHandler } from './card-actions.js';
import type { CommandId } from './commands.js';
import { cardReplyOf, showCard } from './dialogs/card-reply.js';
import { openWorkflow, type OpenWorkflow } from './dialogs/open-workflow.js';
import { commandWords } from './dialogs/stale-form-card.js';
import type { WorkflowStack } from './dialogs/workflow-stack.js';
import { savedText } from './dialogs/workflow-words.js';
import { EVERYONE } from './permissions.js';
import type { Session } from './session.js';

export const SWITCH_VERBS = { leave: 'workflow.leave', stay: 'workflow.stay' } as const;

/** Runs a typed message as if it were typed now: routed, admitted by the dispatcher, handled. */
export type RunText = (context: TurnContext, session: Session, text: string) => Promise<void>;

/** Asked when a person types a command that starts another workflow while one is open. */
export function switchQuestionCard(tr: Translator, open: OpenWorkflow, next: CommandId, text: string): CardAttachment {
  const workflow = tr.t(open.workflow.title);
  const nextWords = commandWords(tr, next);
  const step = open.prompt ? tr.t(open.prompt.step) : workflow;
  const { startedAt } = open.workflow;
  return noticeCard(
    tr.t('workflow.switch.title', { workflow }),
    `${tr.t('workflow.switch.text', { workflow, step, next: nextWords })} ${savedText(tr, open)}`,
    'warning',
    [],
    [
      {
        title: tr.t('workflow.switch.leave', { next: nextWords }),
        verb: SWITCH_VERBS.leave,
        data: { text, startedAt },
        style: 'destructive',
      },
      {
        title: tr.t('workflow.switch.stay', { workflow }),
        verb: SWITCH_VERBS.stay,
        data: { startedAt },
        style: 'positive',
      },
    ],
  );
}

/**
 * The question's two buttons. Both act only while the workflow it asked about is still the open one; leaving
 * ends the whole stack and then runs the typed command through the dispatcher like any message.
 */
export function switchActions(stack: WorkflowStack, runText: RunText): CardActionHandler[] {
  const stillOpen = async (context: TurnContext, startedAt: string) => {
    const dc = await stack.open(context);
    const open = openWorkflow(dc.stack);
    return open && open.workflow.startedAt === startedAt ? { dc, open } : undefined;
  };
  const answered = (tr: Translator) =>
    noticeCard(tr.t('workflow.switch.answeredTitle'), tr.t('workflow.switch.answered'), 'default');
  return [
    cardAction({
      verb: SWITCH_VERBS.leave,
      permission: EVERYONE,
      data: z.object({ text: z.string().max(500), startedAt: z.string().max(40) }),
      async handle(context, session, { text, startedAt }) {
        const { tr } = session;
        const found = await stillOpen(context, startedAt);
        if (!found) return answered(tr);
        await found.dc.cancelAllDialogs();
        const workflow = tr.t(found.open.workflow.title);
        await showCard(context, noticeCard(tr.t('workflow.left', { workflow }), savedText(tr, found.open), 'default'));
        await runText(context, session, text);
        return cardReplyOf(context)!;
      },
    }),
    cardAction({
      verb: SWITCH_VERBS.stay,
      permission: EVERYONE,
      data: z.object({ startedAt: z.string().max(40) }),
      async handle(context, session, { startedAt }) {
        const { tr } = session;
        const found = await stillOpen(context, startedAt);
        if (!found) return answered(tr);
        const workflow = tr.t(found.open.workflow.title);
        await showCard(
          context,
          noticeCard(tr.t('workflow.stayed', { workflow }), tr.t('workflow.stayedText'), 'default'),
        );
        await found.dc.repromptDialog();
        return cardReplyOf(context)!;
      },
    }),
  ];
}
