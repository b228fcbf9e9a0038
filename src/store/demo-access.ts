import type { NewRecord, SeedData } from './store.js';

type Person = { id: string; name: string; tenantId: string };

/**
 * GDAP day two in the demo world: Adatum's helpdesk group holds the roles Fabrikam granted (so its helpdesk
 * agent can reset a password there), and a template that requests those roles and assigns that group.
 * Woodgrove has a group of its own, so a foreign record exists for the permission tests.
 */
export function demoAccess(
  at: (days: number) => string,
  people: { alex: Person; hana: Person; rita: Person },
  tenants: { adatum: string; woodgrove: string; fabrikam: string },
): Pick<SeedData, 'securityGroups' | 'accessAssignments' | 'accessTemplates'> {
  const actor = (p: Person) => ({ userId: p.id, name: p.name, tenantId: p.tenantId });
  const securityGroups: NewRecord<'securityGroups'>[] = [
    {
      id: 'group-adatum-helpdesk',
      partnerTenantId: tenants.adatum,
      name: 'Adatum Helpdesk',
      description: 'First-line support: passwords and service requests',
      memberUserIds: [people.hana.id],
      createdBy: actor(people.alex),
      createdAt: at(-350),
      updatedAt: at(-350),
    },
    {
      id: 'group-woodgrove-support',
      partnerTenantId: tenants.woodgrove,
      name: 'Woodgrove Support',
      description: '',
      memberUserIds: [people.rita.id],
      createdBy: actor(people.rita),
      createdAt: at(-300),
      updatedAt: at(-300),
    },
  ];
  const accessAssignments: NewRecord<'accessAssignments'>[] = [
    {
      id: 'assignment-adatum-fabrikam-helpdesk',
      relationshipId: 'rel-adatum-fabrikam',
      partnerTenantId: tenants.adatum,
      customerTenantId: tenants.fabrikam,
      groupId: 'group-adatum-helpdesk',
      roles: ['helpdesk-administrator', 'license-administrator'],
      status: 'active',
      createdBy: actor(people.alex),
      createdAt: at(-344),
      updatedAt: at(-344),
    },
  ];
  const accessTemplates: NewRecord<'accessTemplates'>[] = [
    {
      id: 'template-adatum-helpdesk',
      partnerTenantId: tenants.adatum,
      name: 'Helpdesk standard',
      roles: ['helpdesk-administrator', 'password-administrator'],
      durationDays: 365,
      autoExtend: true,
      groupIds: ['group-adatum-helpdesk'],
      createdBy: actor(people.alex),
      createdAt: at(-340),
      updatedAt: at(-340),
    },
  ];
  return { securityGroups, accessAssignments, accessTemplates };
}
