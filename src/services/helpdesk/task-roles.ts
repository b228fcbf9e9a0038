import type { AdminRoleId } from '../../domain/model.js';
import type { TypeRight } from '../../domain/relationship-types.js';
import { foldText } from '../relationships/status.js';

/**
 * What a helpdesk asks "can we…" about, and the least-privileged Microsoft Entra role that allows it. `grantedBy`
 * lists every role that allows the task, least privileged first, so an existing relationship with a broader
 * role still counts; `least` is what to request when none is held.
 */
export interface TaskDefinition {
  id: TaskId;
  /** Absent when no admin role is for it: only a relationship type's own right (`right`) allows it. */
  least?: AdminRoleId;
  grantedBy: readonly AdminRoleId[];
  /** The right of a relationship type (src/domain/relationship-types.ts) that allows it without admin roles. */
  right?: TypeRight;
  /** Rule 6: a partner cannot buy or manage subscriptions until the customer accepted the MCA. */
  needsMca?: boolean;
  /** Buying for a customer needs a reseller relationship, not only admin roles. */
  needsReseller?: boolean;
  /** Phrases people type, lowercase and without accents. */
  en: readonly string[];
  es: readonly string[];
}

export type TaskId =
  | 'reset-password'
  | 'manage-licences'
  | 'support-request'
  | 'manage-users'
  | 'manage-subscriptions'
  | 'read-security-reports'
  | 'manage-security'
  | 'manage-mailboxes'
  | 'manage-teams'
  | 'manage-sharepoint'
  | 'manage-devices'
  | 'read-directory'
  | 'assign-admin-roles'
  | 'manage-lob-apps'
  | 'see-partner-purchases'
  | 'user-account';

export const TASKS: readonly TaskDefinition[] = [
  {
    id: 'reset-password',
    least: 'password-administrator',
    grantedBy: ['password-administrator', 'helpdesk-administrator', 'user-administrator', 'global-administrator'],
    right: 'reset-passwords',
    en: [
      'reset a password',
      'reset passwords',
      'reset password',
      'reset the password',
      'reset a users password',
      'password reset',
    ],
    es: [
      'restablecer una contrasena',
      'restablecer contrasenas',
      'restablecer contrasena',
      'restablecer la contrasena',
      'resetear una contrasena',
      'resetear contrasena',
      'cambiar una contrasena',
      'cambiar la contrasena',
    ],
  },
  {
    id: 'manage-licences',
    least: 'license-administrator',
    grantedBy: ['license-administrator', 'user-administrator', 'global-administrator'],
    en: [
      'manage licences',
      'manage licenses',
      'assign licences',
      'assign licenses',
      'assign a licence',
      'assign a license',
      'licences',
      'licenses',
    ],
    es: ['gestionar licencias', 'administrar licencias', 'asignar licencias', 'asignar una licencia', 'licencias'],
  },
  {
    id: 'support-request',
    least: 'service-support-administrator',
    grantedBy: [
      'service-support-administrator',
      'helpdesk-administrator',
      'billing-administrator',
      'global-administrator',
    ],
    right: 'support-incidents',
    en: [
      'open a support request',
      'open a support ticket',
      'open a service request',
      'support requests',
      'support request',
      'support ticket',
      'service request',
    ],
    es: [
      'abrir una solicitud de soporte',
      'abrir un caso de soporte',
      'abrir un ticket de soporte',
      'solicitud de soporte',
      'solicitudes de soporte',
      'ticket de soporte',
      'caso de soporte',
      'solicitud de servicio',
    ],
  },
  {
    id: 'manage-users',
    least: 'user-administrator',
    grantedBy: ['user-administrator', 'global-administrator'],
    en: ['manage users', 'add users', 'add a user', 'create users', 'create a user', 'delete a user', 'manage groups'],
    es: [
      'gestionar usuarios',
      'administrar usuarios',
      'crear usuarios',
      'crear un usuario',
      'agregar usuarios',
      'anadir usuarios',
      'anadir un usuario',
      'eliminar un usuario',
    ],
  },
  {
    id: 'manage-subscriptions',
    least: 'billing-administrator',
    grantedBy: ['billing-administrator', 'global-administrator'],
    needsMca: true,
    needsReseller: true,
    en: ['manage subscriptions', 'manage a subscription', 'buy subscriptions', 'buy a subscription', 'subscriptions'],
    es: [
      'gestionar suscripciones',
      'administrar suscripciones',
      'comprar suscripciones',
      'comprar una suscripcion',
      'suscripciones',
    ],
  },
  {
    id: 'read-security-reports',
    least: 'security-reader',
    grantedBy: ['security-reader', 'global-reader', 'security-administrator', 'global-administrator'],
    en: ['read security reports', 'view security reports', 'see security reports', 'security reports'],
    es: [
      'leer informes de seguridad',
      'ver informes de seguridad',
      'ver los informes de seguridad',
      'informes de seguridad',
    ],
  },
  {
    id: 'manage-security',
    least: 'security-administrator',
    grantedBy: ['security-administrator', 'global-administrator'],
    en: ['manage security', 'change security settings', 'manage security policies'],
    es: ['gestionar la seguridad', 'gestionar seguridad', 'cambiar la configuracion de seguridad'],
  },
  {
    id: 'manage-mailboxes',
    least: 'exchange-administrator',
    grantedBy: ['exchange-administrator', 'global-administrator'],
    en: ['manage mailboxes', 'manage exchange', 'mailboxes'],
    es: ['gestionar buzones', 'administrar buzones', 'gestionar exchange', 'buzones'],
  },
  {
    id: 'manage-teams',
    least: 'teams-administrator',
    grantedBy: ['teams-administrator', 'global-administrator'],
    en: ['manage teams', 'manage microsoft teams', 'teams settings'],
    es: ['gestionar teams', 'administrar teams', 'configuracion de teams'],
  },
  {
    id: 'manage-sharepoint',
    least: 'sharepoint-administrator',
    grantedBy: ['sharepoint-administrator', 'global-administrator'],
    en: ['manage sharepoint', 'manage onedrive', 'sharepoint sites'],
    es: ['gestionar sharepoint', 'administrar sharepoint', 'gestionar onedrive'],
  },
  {
    id: 'manage-devices',
    least: 'intune-administrator',
    grantedBy: ['intune-administrator', 'global-administrator'],
    en: ['manage devices', 'manage intune', 'devices'],
    es: ['gestionar dispositivos', 'administrar dispositivos', 'dispositivos'],
  },
  {
    id: 'read-directory',
    least: 'directory-readers',
    grantedBy: ['directory-readers', 'global-reader', 'user-administrator', 'global-administrator'],
    en: ['read the directory', 'read directory', 'see users', 'list users', 'view users'],
    es: ['leer el directorio', 'ver usuarios', 'listar usuarios', 'ver los usuarios'],
  },
  {
    id: 'assign-admin-roles',
    least: 'privileged-role-administrator',
    grantedBy: ['privileged-role-administrator', 'global-administrator'],
    en: ['assign admin roles', 'assign roles', 'grant admin roles'],
    es: ['asignar roles de administrador', 'asignar roles'],
  },
  {
    id: 'manage-lob-apps',
    grantedBy: [],
    right: 'manage-lob-apps',
    en: ['manage line of business apps', 'manage line-of-business apps', 'manage lob apps', 'line of business apps'],
    es: [
      'gestionar aplicaciones de linea de negocio',
      'administrar aplicaciones lob',
      'aplicaciones de linea de negocio',
    ],
  },
  {
    id: 'see-partner-purchases',
    grantedBy: [],
    right: 'see-mpsa-purchases',
    en: [
      'see other partners purchases',
      'see purchases by other partners',
      'see other partners purchase',
      'see purchases',
    ],
    es: ['ver las compras de otros partners', 'ver compras de otros partners', 'ver las compras', 'ver compras'],
  },
  {
    id: 'user-account',
    grantedBy: [],
    right: 'user-account',
    en: ['get a user account', 'use a user account', 'have a user account', 'user account'],
    es: ['tener una cuenta de usuario', 'usar una cuenta de usuario', 'cuenta de usuario'],
  },
];

const PHRASES = TASKS.flatMap((task) => [...task.en, ...task.es].map((phrase) => ({ task, phrase })))
  // Longest first, so "read security reports" wins over "manage security".
  .sort((a, b) => b.phrase.length - a.phrase.length);

/** Words between the task and the organisation: "for contoso", "para contoso", "at the customer contoso". */
const LEADING =
  /^(?:(?:for|at|in|on|with|of|to|the|customer|customers|tenant|para|en|con|de|del|el|la|los|las|cliente|clientes|inquilino)\s+)+/;
const FILLER = /^(?:(?:do|we|us|it|hacer|hacerlo)\s+)+/;

export interface ParsedQuestion {
  task?: TaskDefinition;
  /** The organisation named after the task, as typed (folded). */
  customer: string;
}

/** "reset a password for contoso" → task reset-password, customer "contoso"; English or Spanish. */
export function parseCanWe(text: string): ParsedQuestion {
  const folded = foldText(text)
    .replace(/[¿¡?!,;:"'’]/g, ' ')
    .replace(/\.(?=\s|$)/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(FILLER, '');
  const padded = ` ${folded} `;
  for (const { task, phrase } of PHRASES) {
    const at = padded.indexOf(` ${phrase} `);
    if (at < 0) continue;
    const rest = padded.slice(at + phrase.length + 2).trim();
    const before = padded.slice(0, at).trim();
    // The organisation may also come first: "contoso: reset a password".
    const customer = (rest.replace(LEADING, '').trim() || before.replace(LEADING, '').trim()).trim();
    return { task, customer };
  }
  return { customer: folded };
}

export function taskById(id: string): TaskDefinition | undefined {
  return TASKS.find((t) => t.id === id);
}
