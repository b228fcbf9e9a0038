import { rightsOf, TYPE_MEANINGS } from '../domain/relationship-types.js';
import type { RelationshipType } from '../domain/model.js';
import type { Translator } from '../i18n/i18n.js';

/** What one type lets the partner do, in words; a type Partner Desk gives nothing for says so. */
export function typeMeaning(type: RelationshipType, tr: Translator): string {
  const rights = rightsOf([type])
    .map((right) => tr.t(`typeRight.${right}`))
    .join(', ');
  return TYPE_MEANINGS[type].inProduct ? rights : `${rights}. ${tr.t('typeRight.outsideProduct')}`;
}

/** Each type with what it allows, separated by semicolons: "Advisor: resets passwords, handles support incidents". */
export function typeMeanings(types: readonly RelationshipType[], tr: Translator): string {
  return types.map((type) => `${tr.t(`relationshipType.${type}`)}: ${typeMeaning(type, tr)}`).join('; ');
}

/** A request form choice: its seed label and, in brackets, what its types allow. */
export function relationshipChoiceTitle(value: string, types: readonly RelationshipType[], tr: Translator): string {
  const rights = types.map((type) => typeMeaning(type, tr)).join('; ');
  return `${tr.t(`request.rel.${value}`)} (${rights})`;
}
