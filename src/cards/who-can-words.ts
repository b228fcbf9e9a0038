import type { Translator } from '../i18n/i18n.js';
import type { CanWeAnswer } from '../services/helpdesk/can-we.js';
import { relationshipLabel } from '../services/relationships/relationship-names.js';
import { adminRoleNames } from './format.js';
import type { Fact } from './templates.js';

/** "Can we" for the person asking: the group that gives them the role, the group to join, or the assignment to add. */
export function whoCanWords(
  answer: Extract<CanWeAnswer, { kind: 'yes' }>,
  tr: Translator,
): { usable: boolean; text: string; fact: Fact } | undefined {
  const you = answer.you;
  if (!you) return undefined;
  const title = tr.t('canWe.you');
  switch (you.kind) {
    case 'member':
      return {
        usable: true,
        text: tr.t('canWe.you.member', { group: you.group.name, role: adminRoleNames([you.role], tr) }),
        fact: { title, value: you.group.name },
      };
    case 'join': {
      const groups = you.groups.map((g) => g.name).join(', ');
      return { usable: false, text: tr.t('canWe.you.join', { groups }), fact: { title, value: tr.t('common.none') } };
    }
    case 'assign': {
      const relationship = relationshipLabel(you.relationship, answer.customer.name);
      return {
        usable: false,
        text: tr.t('canWe.you.assign', { role: adminRoleNames([you.role], tr), relationship }),
        fact: { title, value: tr.t('common.none') },
      };
    }
  }
}
