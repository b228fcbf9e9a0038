import { DialogTestClient, DialogTestLogger } from 'botbuilder-testing';
import type { Activity, Middleware } from 'botbuilder';
import { DialogTurnStatus } from 'botbuilder-dialogs';
import { LanguageDialog } from '../../../src/bot/dialogs/language-dialog.js';
import { resolveSession } from '../../../src/bot/session.js';
import { COMMANDS, type CommandId } from '../../../src/bot/commands.js';
import { EVERYONE, type Permission } from '../../../src/bot/permissions.js';
import { UserDirectory } from '../../../src/services/people/user-directory.js';
import { identityKey } from '../../../src/store/store.js';
import { useBotWorld } from '../../support/bot-world.js';
import { persona } from '../../support/personas.js';

const carmen = persona('carmen'); // Contoso global admin

/** What a person sees of one reply: its text, or the hero card's text and buttons (the prompt's choices). */
function seen(reply: Partial<Activity> | undefined): string {
  const card = reply?.attachments?.[0]?.content as { text?: string; buttons?: { title: string }[] } | undefined;
  return [reply?.text, card?.text, ...(card?.buttons ?? []).map((b) => `[${b.title}]`)].filter(Boolean).join(' ');
}

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

/** Only the LanguageDialog, driven as in BotBuilder-Samples' core bot tests: the session is resolved first, as the bot does. */
function client(store: ReturnType<typeof useBotWorld>['store'], transcript: string[], args?: string) {
  const session: Middleware = {
    onTurn: async (context, next) => {
      await resolveSession(context, store, 'en');
      await next();
    },
  };
  const available = new Map<CommandId, Permission>(COMMANDS.map((c) => [c.id, EVERYONE]));
  const dialog = new LanguageDialog(new UserDirectory(store), () => available);
  return new DialogTestClient('msteams', dialog, args === undefined ? {} : { args }, [
    session,
    new DialogTestLogger({ log: (...parts: unknown[]) => void transcript.push(parts.join(' ')) }),
  ]);
}

describe('LanguageDialog (DialogTestClient)', () => {
  const world = useBotWorld();
  const storedLanguage = async () =>
    (await world.store.findBy('users', 'identity', identityKey(carmen.tenantId, carmen.aadObjectId)))[0]?.language;

  it.each([
    // [initial args, what the person answers, what each reply shows, language kept]
    ['', ['hi', 'Español'], ['Which language', 'A partir de ahora le hablaré en español'], 'es'],
    ['', ['hi', 'English'], ['Which language', 'From now on I will speak English'], 'en'],
    [
      '',
      ['hi', 'Klingon', 'Español'],
      ['Which language', 'Please choose', 'A partir de ahora le hablaré en español'],
      'es',
    ],
    ['es', ['hi'], ['A partir de ahora le hablaré en español'], 'es'],
  ] as const)('args %j, answers %j: sees %j and keeps %s', async (args, answers, expected, language) => {
    const transcript: string[] = [];
    const c = client(world.store, transcript, args || undefined);
    try {
      const replies: string[] = [];
      for (const answer of answers) replies.push(seen(await c.sendActivity(fromCarmen(answer))));
      expected.forEach((text, i) => expect(replies[i]).toContain(text));
      expect(c.dialogTurnResult.status).toBe(DialogTurnStatus.complete);
      expect(c.dialogTurnResult.result).toBe(language);
      expect(await storedLanguage()).toBe(language);
    } catch (failure) {
      // The DialogTestLogger transcript, only when it helps: on failure.
      console.log(transcript.join('\n'));
      throw failure;
    }
  });
});
