import { formInstance, inputId } from './input-id.js';
import { renderCard, type CardAttachment } from './render.js';
import type { ChoiceFormCard } from './templates.js';

export function choiceForm(
  data: Omit<ChoiceFormCard, 'hasConfirmation' | 'hasError' | 'confirmation' | 'error' | 'hasChoices' | 'selected'> & {
    confirmation?: string;
    error?: string;
    selected?: string;
  },
): CardAttachment {
  return renderCard('choice-form', {
    ...data,
    inputId: inputId(data.inputId, formInstance()),
    hasChoices: data.choices.length > 0,
    selected: data.selected ?? '',
    confirmation: data.confirmation ?? '',
    hasConfirmation: !!data.confirmation,
    error: data.error ?? '',
    hasError: !!data.error,
  });
}
