import type { Organization, User } from '../domain/model.js';
import { COMMANDS, type CommandId } from '../bot/commands.js';
import { hasKey, type Translator } from '../i18n/i18n.js';
import type { AvailableCommands } from '../bot/permissions.js';
import { capabilities, type Audience } from './capabilities.js';
import { renderCard, type CardAttachment } from './render.js';
import type { WelcomeCard } from './templates.js';

const AUDIENCE_ORDER: Audience[] = ['partner', 'customer', 'helpdesk'];

/** The welcome (and help) card: what *this* user can do, given their roles, and what to type for it. */
export function welcomeCard(
  user: User,
  org: Organization,
  tr: Translator,
  available: AvailableCommands,
  mode: 'welcome' | 'help',
  inWorkflow = false,
): CardAttachment {
  const allowed = capabilities(user, org, available);
  // A command both sides use but for different things ("invitations") has a description per side.
  const description = (command: CommandId) =>
    hasKey(`command.${command}.${user.roles.side}Description`)
      ? tr.t(`command.${command}.${user.roles.side}Description`)
      : tr.t(`command.${command}.description`);
  const line = (command: CommandId) => ({
    text: tr.t('welcome.actionWithCommand', {
      action: description(command),
      command: commandWord(command, tr),
    }),
  });
  const section = (audience: Audience) => ({
    heading: tr.t(`audience.${audience}`),
    lines: allowed.filter((c) => c.audience === audience).map((c) => line(c.command)),
  });
  const sections = AUDIENCE_ORDER.map(section).filter((s) => s.lines.length > 0);
  const always = section('everyone');
  const data: WelcomeCard = {
    title: mode === 'welcome' ? tr.t('welcome.title', { name: user.name }) : tr.t('help.title', { name: user.name }),
    intro: inWorkflow ? tr.t('help.inWorkflow') : tr.t('welcome.intro', { org: org.name }),
    sectionsHeading: tr.t('welcome.sectionsHeading'),
    sections: [...sections, always],
    hasSections: sections.length > 0,
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
