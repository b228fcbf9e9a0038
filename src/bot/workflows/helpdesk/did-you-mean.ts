import { button } from '../../../cards/button.js';
import { noticeCard } from '../../../cards/notice-card.js';
import type { CardAttachment } from '../../../cards/render.js';
import type { Organization } from '../../../domain/model.js';
import type { Translator } from '../../../i18n/i18n.js';

/** The organisations a lookup offered when a name matched several, kept with the dialog that asked. */
export interface Offered {
  name: string;
  domain: string;
}

export interface ChoiceValues {
  /** The domain the person chose among `offered`; the lookup is then made again with it. */
  choice: string;
  offered: Offered[];
}

export const offeredOf = (candidates: Organization[]): Offered[] =>
  candidates.map((o) => ({ name: o.name, domain: o.primaryDomain }));

/**
 * "Did you mean": one button per organisation offered. The button names the domain; the step that waits takes
 * it only when it is one it offered, so a forged choice is not looked up.
 */
export function didYouMeanCard(tr: Translator, text: string, offered: Offered[], verb: string): CardAttachment {
  return noticeCard(
    tr.t('status.didYouMean'),
    text,
    'default',
    [],
    offered.map((o) => button(`${o.name} (${o.domain})`, verb, { customer: o.domain })),
  );
}

/** The domain chosen, when the lookup offered it. */
export function chosenOf(values: Partial<ChoiceValues>, customer: string): string | undefined {
  return values.offered?.find((o) => o.domain === customer)?.domain;
}
