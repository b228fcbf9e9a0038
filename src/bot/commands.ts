import { CONVERSATION_COMMANDS, type ConversationCommandId } from './conversation-commands.js';
import { ACCESS_COMMANDS, type AccessCommandId } from './access-commands.js';
import { PARTNER_OF_RECORD_COMMAND } from './partner-of-record-command.js';
import { DAY_TWO_COMMANDS, type DayTwoCommandId } from './day-two-commands.js';

/**
 * The text commands users type, in English and Spanish. The router matches them and the Teams
 * manifest's commandLists is generated from the same table, so the two cannot drift apart.
 */
export interface CommandDefinition {
  id: CommandId;
  /** Words that start the command (lowercase, without accents); the first English word is the canonical one. */
  en: string[];
  es: string[];
  /** Shown in the Teams command menu (max 32 chars) and help (max 128 chars). */
  title: string;
  description: string;
  /** Whether it appears in the manifest's command list (Teams allows at most 10 per scope). */
  inManifest: boolean;
}

export type CommandId =
  | ConversationCommandId
  | 'whoami'
  | 'language'
  | 'request-relationship'
  | 'invitations'
  | 'leads'
  | 'find-partner'
  | 'accept-invitation'
  | 'my-partners'
  | 'accept-mca'
  | 'remove-roles'
  | 'status'
  | 'can-we'
  | 'pending'
  | 'expiring'
  | 'no-mca'
  | 'relationships'
  | 'timeline'
  | 'indirect-providers'
  | 'indirect-resellers'
  | 'users'
  | 'order'
  | 'enroll'
  | 'verify'
  | 'end-relationship'
  | 'change-roles'
  | 'trial'
  | 'offer'
  | 'new-customer'
  | 'partner-of-record'
  | AccessCommandId
  | DayTwoCommandId;

export const COMMANDS: readonly CommandDefinition[] = [
  ...CONVERSATION_COMMANDS,
  {
    id: 'whoami',
    en: ['whoami', 'who am i'],
    es: ['quien soy'],
    title: 'whoami',
    description: 'Your organisation, roles and language',
    inManifest: true,
  },
  {
    id: 'language',
    en: ['language'],
    es: ['idioma'],
    title: 'language',
    description: 'Choose English or Spanish: language es',
    inManifest: false,
  },
  {
    id: 'request-relationship',
    en: ['request relationship', 'request a reseller relationship', 'invite'],
    es: ['solicitar relacion', 'invitar'],
    title: 'request relationship',
    description: 'Request a reseller relationship with a customer',
    inManifest: true,
  },
  {
    id: 'invitations',
    en: ['invitations', 'pending invitations'],
    es: ['invitaciones'],
    title: 'invitations',
    description: 'Pending invitations: resend or cancel',
    inManifest: true,
  },
  {
    id: 'leads',
    en: ['leads'],
    es: ['clientes potenciales', 'contactos'],
    title: 'leads',
    description: 'Contact requests from customers',
    inManifest: true,
  },
  {
    id: 'find-partner',
    en: ['find partner', 'find a partner'],
    es: ['buscar partner', 'buscar asociado'],
    title: 'find partner',
    description: 'Find a partner and contact selected providers',
    inManifest: true,
  },
  {
    id: 'accept-invitation',
    en: ['accept invitation', 'accept'],
    es: ['aceptar invitacion', 'aceptar'],
    title: 'accept invitation',
    description: 'Accept agreement & authorize partner (paste the link or code)',
    inManifest: true,
  },
  {
    id: 'my-partners',
    en: ['my partners', 'partners'],
    es: ['mis partners', 'mis asociados'],
    title: 'my partners',
    description: 'Partners your organisation works with',
    inManifest: true,
  },
  {
    id: 'accept-mca',
    en: ['accept mca', 'mca'],
    es: ['aceptar contrato'],
    title: 'accept mca',
    description: 'Accept the Microsoft Customer Agreement',
    inManifest: false,
  },
  {
    id: 'remove-roles',
    en: ['remove roles'],
    es: ['quitar roles'],
    title: 'remove roles',
    description: "Remove a partner's admin roles",
    inManifest: false,
  },
  {
    id: 'status',
    en: ['status'],
    es: ['estado'],
    title: 'status',
    description: 'Status of every relationship with an organisation: status contoso',
    inManifest: true,
  },
  {
    id: 'can-we',
    en: ['can we'],
    es: ['podemos'],
    title: 'can we',
    description: 'Can we do a task for a customer? can we reset a password for contoso',
    inManifest: true,
  },
  {
    id: 'pending',
    en: ['pending', 'pending list'],
    es: ['pendientes'],
    title: 'pending',
    description: 'Pending invitations by age against their 90 days',
    inManifest: false,
  },
  {
    id: 'expiring',
    en: ['expiring', 'expiring soon'],
    es: ['por vencer', 'vencen pronto'],
    title: 'expiring',
    description: 'Relationships whose admin access ends within 30 days',
    inManifest: false,
  },
  {
    id: 'no-mca',
    en: ['no mca', 'without mca'],
    es: ['sin contrato', 'sin mca'],
    title: 'no mca',
    description: 'Customers that have not accepted the Microsoft Customer Agreement',
    inManifest: false,
  },
  {
    id: 'relationships',
    en: ['relationships'],
    es: ['relaciones'],
    title: 'relationships',
    description: 'Relationships by state: relationships active',
    inManifest: false,
  },
  {
    id: 'timeline',
    en: ['timeline', 'history'],
    es: ['historial', 'cronologia'],
    title: 'timeline',
    description: 'Who did what, newest first, with a CSV export: timeline contoso',
    inManifest: false,
  },
  {
    id: 'indirect-providers',
    en: ['indirect providers'],
    es: ['proveedores indirectos'],
    title: 'indirect providers',
    description: 'Indirect providers you work with',
    inManifest: false,
  },
  {
    id: 'indirect-resellers',
    en: ['indirect resellers'],
    es: ['revendedores indirectos'],
    title: 'indirect resellers',
    description: 'Indirect resellers you work with',
    inManifest: false,
  },
  {
    id: 'users',
    en: ['users'],
    es: ['usuarios'],
    title: 'users',
    description: "Your organisation's users and their roles",
    inManifest: false,
  },
  {
    id: 'order',
    en: ['submit order', 'order'],
    es: ['enviar pedido', 'pedido'],
    title: 'order',
    description: 'Check that you may submit orders for a customer: order contoso',
    inManifest: false,
  },
  {
    id: 'enroll',
    en: ['enroll', 'enrol'],
    es: ['inscribirse', 'inscripcion'],
    title: 'enroll',
    description: 'Enroll as an indirect reseller',
    inManifest: false,
  },
  {
    id: 'verify',
    en: ['verify'],
    es: ['verificar'],
    title: 'verify',
    description: 'Confirm your email with the code you received',
    inManifest: false,
  },
  {
    id: 'end-relationship',
    en: ['end relationship', 'remove relationship'],
    es: ['finalizar relacion', 'quitar relacion'],
    title: 'end relationship',
    description: 'End a customer relationship, or only its admin access',
    inManifest: false,
  },
  {
    id: 'change-roles',
    en: ['change roles'],
    es: ['cambiar roles'],
    title: 'change roles',
    description: 'Ask a customer for a new set of admin roles',
    inManifest: false,
  },
  {
    id: 'trial',
    en: ['trial', 'trial invitation'],
    es: ['prueba', 'invitacion de prueba'],
    title: 'trial',
    description: 'Invite a customer to try services',
    inManifest: false,
  },
  {
    id: 'offer',
    en: ['offer', 'purchase offer'],
    es: ['oferta', 'oferta de compra'],
    title: 'offer',
    description: 'Send a customer a purchase offer with licence counts',
    inManifest: false,
  },
  {
    id: 'new-customer',
    en: ['new customer', 'add customer', 'add a new customer'],
    es: ['cliente nuevo', 'agregar cliente'],
    title: 'new customer',
    description: 'Add a new customer: creates it with the reseller relationship at once',
    inManifest: false,
  },
  ...ACCESS_COMMANDS,
  PARTNER_OF_RECORD_COMMAND,
  ...DAY_TWO_COMMANDS,
];
