import { formInstance, inputId } from './input-id.js';
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
  multiSelect: false,
  choiceStyle: 'compact',
  choices: [],
});

export const choiceField = (
  id: string,
  label: string,
  choices: Field['choices'],
  value = '',
  options: { multiSelect?: boolean; required?: boolean; requiredMessage?: string } = {},
): Field => ({
  id,
  label,
  isText: false,
  value,
  placeholder: '',
  required: options.required ?? true,
  requiredMessage: options.requiredMessage ?? label,
  multiSelect: options.multiSelect ?? false,
  choiceStyle: options.multiSelect ? 'expanded' : 'compact',
  choices,
});

export function formCard(
  title: string,
  text: string,
  fields: Field[],
  actions: CardAction[],
  error?: string,
): CardAttachment {
  const instance = formInstance();
  const ids = fields.map((field) => ({ ...field, id: inputId(field.id, instance) }));
  return renderCard('form', { title, text, fields: ids, actions, hasError: !!error, error: error ?? '' });
}
