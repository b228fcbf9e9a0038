import { z } from 'zod';
import { welcomeCard } from '../cards/welcome-card.js';
import { SET_LANGUAGE_VERB, whoamiCard } from '../cards/whoami-card.js';
import { translator } from '../i18n/i18n.js';
import type { UserDirectory } from '../services/people/user-directory.js';
import { cardAction, type CardActionHandler } from './card-actions.js';
import { LANGUAGE_DIALOG } from './dialogs/language-dialog.js';
import type { CommandRegistration } from './command-handler.js';
import { updateSession } from './session.js';
import { EVERYONE, EVERYONE_ANYWHERE, type AvailableCommands } from './permissions.js';
import { command, workflowCommand } from './command-handler.js';

/** help, whoami and language: available to every known user. */
export function basicCommands(available: () => AvailableCommands): CommandRegistration[] {
  return [
    command('help', EVERYONE_ANYWHERE, async ({ context, session }) =>
      context.sendActivity({
        attachments: [welcomeCard(session.user, session.org, session.tr, available(), 'help')],
      }),
    ),
    command('whoami', EVERYONE, async ({ context, session }) =>
      context.sendActivity({
        attachments: [whoamiCard(session.user, session.org, session.tr, session.clientLanguage)],
      }),
    ),
    workflowCommand('language', EVERYONE, LANGUAGE_DIALOG),
  ];
}

/** The language buttons of the whoami card: the choice is kept and the card redrawn in that language. */
export function languageCardAction(users: UserDirectory): CardActionHandler {
  return cardAction({
    verb: SET_LANGUAGE_VERB,
    permission: EVERYONE,
    data: z.object({ language: z.enum(['en', 'es']) }),
    async handle(context, session, { language }) {
      const user = await users.setLanguage(session.user, language);
      const tr = translator(language);
      updateSession(context, { ...session, user, tr });
      return whoamiCard(user, session.org, tr, session.clientLanguage);
    },
  });
}
