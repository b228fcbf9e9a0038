import type { Organization, User } from '../domain/model.js';
import { COMMANDS, type CommandId } from '../bot/commands.js';
import type { Translator } from '../i18n/i18n.js';
import { offeredCommands, type Audience } from './capabilities.js';
import { renderCard, type CardAttachment } from './render.js';
import type { WelcomeCard } from './templates.js';

const AUDIENCE_ORDER: Audience[] = ['partner', 'customer', 'helpdesk', 'everyone'];

/** The welcome (and help) card: what *this* user can do, given their roles. */
export function welcomeCard(
  user: User,
  org: Organization,
  tr: Translator,
  available: ReadonlySet<CommandId>,
  mode: 'welcome' | 'help',
  inWorkflow = false,
): CardAttachment {
  const offered = offeredCommands(user, available);
  const sections = AUDIENCE_ORDER.map((audience) => ({
    heading: tr.t(`audience.${audience}`),
    items: offered
      .filter((o) => o.audience === audience)
      .map(({ command }) => ({
        command: commandWord(command, tr),
        title: tr.t(`command.${command}.title`),
        description: tr.t(`command.${command}.description`),
      })),
  })).filter((s) => s.items.length > 0);
  const hasWorkflows = sections.some((s) => s.heading !== tr.t('audience.everyone'));
  const data: WelcomeCard = {
    title: mode === 'welcome' ? tr.t('welcome.title', { name: user.name }) : tr.t('help.title', { name: user.name }),
    intro: inWorkflow ? tr.t('help.inWorkflow') : tr.t('welcome.intro', { org: org.name }),
    sectionsHeading: tr.t('welcome.sectionsHeading'),
    sections,
    hasSections: hasWorkflows,
    emptyText: tr.t('welcome.empty', { org: org.name }),
    footer: tr.t('welcome.footer'),
    actions: [],
  };
  return renderCard('welcome', data);
}

/** The words to type for a command, in the user's language. */
export function commandWord(command: CommandId, tr: Translator): string {
  const definition = COMMANDS.find((c) => c.id === command);
  return definition?.[tr.language][0] ?? command;
}
