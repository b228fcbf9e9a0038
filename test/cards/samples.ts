import type { CardData, CardName } from '../../src/cards/templates.js';

/** Sample data for every template; the type makes a new template without a sample a compile error. */
export const CARD_SAMPLES: { [N in CardName]: CardData[N] } = {
  notice: {
    title: 'Invitation accepted',
    text: 'Contoso accepted your invitation.',
    tone: 'good',
    facts: [{ title: 'Accepted by', value: 'Ana' }],
    actions: [{ title: 'Open', verb: 'x.open', data: { id: '1' }, style: 'positive' }],
  },
  welcome: {
    title: 'Welcome',
    intro: 'Intro',
    sectionsHeading: 'What you can do',
    sections: [{ heading: 'Partner staff', lines: [{ text: 'Request a reseller relationship: type invite' }] }],
    hasSections: true,
    emptyText: 'Nothing',
    footer: 'Type help',
    actions: [],
  },
  whoami: {
    title: 'Who',
    facts: [{ title: 'Name', value: 'Ana' }],
    capabilitiesHeading: 'You may',
    capabilities: [{ text: 'Request' }],
    actions: [{ title: 'Español', verb: 'language.set', data: { language: 'es' }, style: 'default' }],
  },
};
