import { DialogTestClient, DialogTestLogger } from 'botbuilder-testing';
import type { Activity, Middleware } from 'botbuilder';
import { DialogTurnStatus } from 'botbuilder-dialogs';
import { COMMANDS, type CommandId } from '../../../../src/bot/commands.js';
import { EVERYONE, type Permission } from '../../../../src/bot/permissions.js';
import { resolveSession } from '../../../../src/bot/session.js';
import { AcceptInvitationDialog } from '../../../../src/bot/workflows/customer/invitation-answer.js';
import { useBotWorld } from '../../../support/bot-world.js';
import { persona } from '../../../support/personas.js';

const carmen = persona('carmen'); // Contoso global admin
const CODE = 'ABCD-EFGH-IJKL-MNOP-QRST-UVWX-YZ23-4567';
const LINK = `http://localhost:3978/invite/${CODE.replace(/-/g, '')}`;

/** What Carmen types, as Teams sends it: who is speaking and their tenant, which the session looks up. */
function fromCarmen(text: string): Partial<Activity> {
  return {
    type: 'message',
    text,
    locale: 'en-US',
    from: { id: `29:${carmen.aadObjectId}`, name: 'Carmen', aadObjectId: carmen.aadObjectId },
    conversation: { id: 'a:carmen', conversationType: 'personal', tenantId: carmen.tenantId, isGroup: false, name: '' },
    channelData: { tenant: { id: carmen.tenantId } },
  };
}

/** Only the accept-invitation dialog, as in BotBuilder-Samples' core bot tests; `opened` records what it opens. */
function client(store: ReturnType<typeof useBotWorld>['store'], opened: string[], transcript: string[], args: string) {
  const session: Middleware = {
    onTurn: async (context, next) => {
      await resolveSession(context, store, 'en');
      await next();
    },
  };
  const available = new Map<CommandId, Permission>(COMMANDS.map((c) => [c.id, EVERYONE]));
  const dialog = new AcceptInvitationDialog(
    () => available,
    async (step, pasted) => {
      opened.push(pasted);
      await step.context.sendActivity(`opened ${pasted}`);
    },
  );
  return new DialogTestClient('msteams', dialog, { args }, [
    session,
    new DialogTestLogger({ log: (...parts: unknown[]) => void transcript.push(parts.join(' ')) }),
  ]);
}

describe('AcceptInvitationDialog (DialogTestClient)', () => {
  const world = useBotWorld();

  it.each([
    // [what followed "accept", what the person answers, what each reply says, the code the dialog opens]
    ['a code given with the command', CODE, ['hi'], ['opened ' + CODE], CODE],
    ['a link given with the command', LINK, ['hi'], ['opened ' + LINK], LINK],
    ['nothing, then the code', '', ['hi', CODE], ['Paste the invitation link or its code', 'opened ' + CODE], CODE],
    [
      'something that is no code, then a wrong answer, then the link',
      'contoso',
      ['hi', 'hello', LINK],
      ['That is not an invitation link or code. Paste', 'That is not an invitation link or code', 'opened ' + LINK],
      LINK,
    ],
    [
      'cancel at the question',
      '',
      ['hi', 'cancel'],
      ['Paste the invitation link', 'Cancelled opening an invitation. Nothing was saved.'],
      undefined,
    ],
  ] as const)('%s', async (_name, args, answers, expected, code) => {
    const opened: string[] = [];
    const transcript: string[] = [];
    const c = client(world.store, opened, transcript, args);
    try {
      const replies: string[] = [];
      for (const answer of answers) replies.push((await c.sendActivity(fromCarmen(answer)))?.text ?? '');
      expected.forEach((text, i) => expect(replies[i]).toContain(text));
      expect(opened).toEqual(code === undefined ? [] : [code]);
      // Cancel ends the workflow's own stack, so the dialog is over either way; only a code opens anything.
      expect(c.dialogTurnResult.status).toBe(DialogTurnStatus.complete);
    } catch (failure) {
      // The DialogTestLogger transcript, only when it helps: on failure.
      console.log(transcript.join('\n'));
      throw failure;
    }
  });
});
