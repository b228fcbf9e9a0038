import { grantedRoles, inForce, unassignedRoles, type AccessAssignment, type SecurityGroup } from '../domain/access.js';
import type { Relationship } from '../domain/model.js';
import type { Translator } from '../i18n/i18n.js';
import { adminRoleNames } from './format.js';
import type { Fact } from './templates.js';

/**
 * Which of the partner's groups hold which of a relationship's roles, and a warning when a granted role is held
 * by no group: GDAP roles are used only through access assignments, so such a role is usable by nobody.
 */
export function accessFacts(
  relationship: Relationship,
  assignments: readonly { assignment: AccessAssignment; group?: SecurityGroup }[],
  tr: Translator,
  now: Date,
): Fact[] {
  const granted = grantedRoles(relationship, now);
  const shown = assignments.filter(({ assignment }) => inForce(assignment) || assignment.status === 'error');
  const facts: Fact[] = shown.map(({ assignment, group }) => ({
    title: group?.name ?? tr.t('access.groupGone'),
    value: tr.t('access.assignmentLine', {
      roles: adminRoleNames(assignment.roles, tr),
      status: tr.t(`access.status.${assignment.status}`),
    }),
  }));
  if (!granted.length) return facts;
  const unassigned = unassignedRoles(
    granted,
    shown.map((s) => s.assignment),
  );
  if (unassigned.length === granted.length) {
    facts.push({ title: tr.t('access.usable'), value: tr.t('access.notUsableYet') });
  } else if (unassigned.length) {
    facts.push({ title: tr.t('access.unassigned'), value: adminRoleNames(unassigned, tr) });
  }
  return facts;
}
