import { ChoiceFactory, ChoicePrompt, ListStyle, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { Language } from '../../domain/model.js';
import type { UserDirectory } from '../../services/people/user-directory.js';
import { translator } from '../../i18n/i18n.js';
import { sessionOf, updateSession } from '../session.js';
import type { AvailableCommands } from '../permissions.js';
import { WorkflowDialog } from './workflow-dialog.js';

export const LANGUAGE_DIALOG = 'language';
const PROMPT = 'language.choice';
const STEPS = 'language.steps';

/** Asks which language to use and keeps the choice, overriding the Teams client's locale. */
export class LanguageDialog extends WorkflowDialog {
  constructor(
    private readonly users: UserDirectory,
    available: () => AvailableCommands,
  ) {
    super({ id: LANGUAGE_DIALOG, title: 'workflow.language.title', command: 'language' }, available);
    this.addDialog(new ChoicePrompt(PROMPT));
    this.addDialog(new WaterfallDialog(STEPS, [this.ask.bind(this), this.save.bind(this)]));
    this.initialDialogId = STEPS;
  }

  private async ask(step: WaterfallStepContext) {
    const requested = parseLanguage(String(step.options && (step.options as { args?: string }).args));
    if (requested) return step.next({ value: requested });
    const { tr } = sessionOf(step.context);
    return step.prompt(PROMPT, {
      prompt: tr.t('language.prompt'),
      retryPrompt: tr.t('language.retry'),
      choices: ChoiceFactory.toChoices([tr.t('language.choice.en'), tr.t('language.choice.es')]),
      style: ListStyle.heroCard,
    });
  }

  private async save(step: WaterfallStepContext) {
    const result = step.result as { value?: string; index?: number };
    const language: Language = result.index === 1 || result.value === 'es' ? 'es' : 'en';
    const session = sessionOf(step.context);
    const user = await this.users.setLanguage(session.user, language);
    updateSession(step.context, { ...session, user, tr: translator(language) });
    await step.context.sendActivity(translator(language).t('language.set'));
    return step.endDialog(language);
  }
}

export function parseLanguage(text: string): Language | undefined {
  const word = text.trim().toLowerCase();
  if (['es', 'espanol', 'español', 'spanish'].includes(word)) return 'es';
  if (['en', 'english', 'ingles', 'inglés'].includes(word)) return 'en';
  return undefined;
}
