import { renderCard, type CardAttachment } from './render.js';
import type { CardAction, FormCard } from './templates.js';

type Field = FormCard['fields'][number];

export const textField = (id: string, label: string, value = '', placeholder = '', requiredMessage = ''): Field => ({
  id,
  label,
  isText: true,
  value,
  placeholder,
  required: requiredMessage !== '',
  requiredMessage,
  choices: [],
});

export const choiceField = (id: string, label: string, choices: Field['choices'], value = ''): Field => ({
  id,
  label,
  isText: false,
  value,
  placeholder: '',
  required: true,
  requiredMessage: label,
  choices,
});

export function formCard(
  title: string,
  text: string,
  fields: Field[],
  actions: CardAction[],
  error?: string,
): CardAttachment {
  return renderCard('form', { title, text, fields, actions, hasError: !!error, error: error ?? '' });
}
