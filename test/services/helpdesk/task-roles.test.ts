import { parseCanWe, TASKS, type TaskId } from '../../../src/services/helpdesk/task-roles.js';
import { AdminRoleId } from '../../../src/domain/model.js';

describe('task → least-privileged admin role', () => {
  it.each<[TaskId, string]>([
    ['reset-password', 'password-administrator'],
    ['manage-licences', 'license-administrator'],
    ['support-request', 'service-support-administrator'],
    ['manage-users', 'user-administrator'],
    ['manage-subscriptions', 'billing-administrator'],
    ['read-security-reports', 'security-reader'],
    ['manage-security', 'security-administrator'],
    ['manage-mailboxes', 'exchange-administrator'],
    ['manage-teams', 'teams-administrator'],
    ['manage-sharepoint', 'sharepoint-administrator'],
    ['manage-devices', 'intune-administrator'],
    ['read-directory', 'directory-readers'],
    ['assign-admin-roles', 'privileged-role-administrator'],
  ])('%s → %s', (id, role) => {
    const task = TASKS.find((t) => t.id === id)!;
    expect(task.least).toBe(role);
    // The least-privileged role comes first among those that allow it, and Global Administrator always allows it.
    expect(task.grantedBy[0]).toBe(role);
    expect(task.grantedBy).toContain('global-administrator');
    for (const r of task.grantedBy) expect(AdminRoleId.options).toContain(r);
  });

  it('never names Global Administrator as the least-privileged role', () => {
    for (const task of TASKS) expect(task.least).not.toBe('global-administrator');
  });

  it.each<[string, TaskId | undefined, string]>([
    ['reset a password for contoso', 'reset-password', 'contoso'],
    ['reset passwords at Contoso Ltd?', 'reset-password', 'contoso ltd'],
    ['do reset the password for the customer contoso.com', 'reset-password', 'contoso.com'],
    ['manage licenses for fabrikam', 'manage-licences', 'fabrikam'],
    ['assign licences in fabrikam', 'manage-licences', 'fabrikam'],
    ['open a support request for northwind', 'support-request', 'northwind'],
    ['manage users for tailspin', 'manage-users', 'tailspin'],
    ['manage subscriptions for contoso', 'manage-subscriptions', 'contoso'],
    ['read security reports for contoso', 'read-security-reports', 'contoso'],
    ['contoso: reset a password', 'reset-password', 'contoso'],
    ['restablecer una contraseña para Contoso', 'reset-password', 'contoso'],
    ['¿restablecer la contraseña en Compañía Tailspin?', 'reset-password', 'compania tailspin'],
    ['gestionar licencias para fabrikam', 'manage-licences', 'fabrikam'],
    ['abrir una solicitud de soporte para northwind', 'support-request', 'northwind'],
    ['crear usuarios en tailspin', 'manage-users', 'tailspin'],
    ['gestionar suscripciones del cliente contoso', 'manage-subscriptions', 'contoso'],
    ['ver informes de seguridad de contoso', 'read-security-reports', 'contoso'],
    ['fly to the moon for contoso', undefined, 'fly to the moon for contoso'],
  ])('%j → %s, customer %j', (text, task, customer) => {
    const parsed = parseCanWe(text);
    expect([parsed.task?.id, parsed.customer]).toEqual([task, customer]);
  });

  it('every phrase leads to its own task', () => {
    for (const task of TASKS) {
      for (const phrase of [...task.en, ...task.es])
        expect([phrase, parseCanWe(`${phrase} for x`).task?.id]).toEqual([phrase, task.id]);
    }
  });
});
