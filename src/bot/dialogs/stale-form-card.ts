import { noticeCard } from '../../cards/notice-card.js';
import type { CardAttachment } from '../../cards/render.js';
import type { Translator } from '../../i18n/i18n.js';
import { COMMANDS, type CommandId } from '../commands.js';

/** The words that start a command in the reader's language ("request relationship", "solicitar relación"). */
export function commandWords(tr: Translator, id: CommandId): string {
  const definition = COMMANDS.find((c) => c.id === id);
  return (tr.language === 'es' ? definition?.es[0] : definition?.en[0]) ?? id;
}

/** A card whose step ended or moved on: nothing was done, and how to start again. */
export function staleFormCard(tr: Translator, workflow: CommandId): CardAttachment {
  return noticeCard(
    tr.t('workflow.stale.title'),
    tr.t('workflow.stale.text', { command: commandWords(tr, workflow) }),
    'warning',
  );
}
