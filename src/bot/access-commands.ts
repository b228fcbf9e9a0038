import type { CommandDefinition } from './commands.js';

/** GDAP day two's commands (security groups, access assignments, templates), spread into the command table. */
export type AccessCommandId = 'groups' | 'access' | 'templates';

export const ACCESS_COMMANDS: readonly CommandDefinition[] = [
  {
    id: 'groups',
    en: ['groups', 'security groups'],
    es: ['grupos', 'grupos de seguridad'],
    title: 'groups',
    description: "Your organisation's security groups and their members",
    inManifest: false,
  },
  {
    id: 'access',
    en: ['access', 'assign access', 'access assignments'],
    es: ['acceso', 'asignar acceso', 'asignaciones de acceso'],
    title: 'access',
    description: "Assign a relationship's admin roles to your security groups",
    inManifest: false,
  },
  {
    id: 'templates',
    en: ['templates', 'relationship templates'],
    es: ['plantillas', 'plantillas de relacion'],
    title: 'templates',
    description: 'Named role sets to request relationships from',
    inManifest: false,
  },
];
