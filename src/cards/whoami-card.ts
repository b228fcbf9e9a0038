import type { Language, Organization, User } from '../domain/model.js';
import { allowedActions } from '../domain/policy.js';
import type { Translator } from '../i18n/i18n.js';
import { describeLocation, describeRoles } from './people.js';
import { renderCard, type CardAttachment } from './render.js';

export const SET_LANGUAGE_VERB = 'language.set';

export function whoamiCard(user: User, org: Organization, tr: Translator, clientLanguage: Language): CardAttachment {
  const language = user.language
    ? tr.t(`language.${user.language}`)
    : tr.t('language.following', { language: tr.t(`language.${clientLanguage}`) });
  return renderCard('whoami', {
    title: tr.t('whoami.title'),
    facts: [
      { title: tr.t('whoami.name'), value: user.name },
      { title: tr.t('whoami.email'), value: user.email },
      { title: tr.t('whoami.organisation'), value: org.name },
      { title: tr.t('whoami.domain'), value: org.primaryDomain },
      { title: tr.t('whoami.kind'), value: tr.t(`kind.${org.kind}`) },
      { title: tr.t('whoami.location'), value: describeLocation(org, tr) },
      { title: tr.t('whoami.roles'), value: describeRoles(user, tr) },
      { title: tr.t('whoami.language'), value: language },
    ],
    capabilitiesHeading: tr.t('whoami.capabilities'),
    capabilities: allowedActions(user).map((action) => ({ text: tr.t(`action.${action}`) })),
    actions: [
      { title: tr.t('whoami.switchToEnglish'), verb: SET_LANGUAGE_VERB, data: { language: 'en' }, style: 'default' },
      { title: tr.t('whoami.switchToSpanish'), verb: SET_LANGUAGE_VERB, data: { language: 'es' }, style: 'default' },
    ],
  });
}
