import { t } from '../../src/i18n/i18n.js';
import { useBotWorld } from '../support/bot-world.js';
import { persona } from '../support/personas.js';

/**
 * The labels the seeds print (000: Microsoft 365 admin center, 001: request a reseller relationship,
 * 002: indirect providers), in both languages, so people who know Partner Center recognise them.
 */
const SEED_LABELS: [key: string, en: string, es: string][] = [
  ['request.title', 'Request a reseller relationship', 'Solicitar una relación de revendedor'],
  [
    'request.includeAdmin',
    'Include delegated administration privileges for Azure Active Directory and Office 365',
    'Incluir privilegios de administración delegados para Azure Active Directory y Office 365',
  ],
  ['request.rel.reseller-delegated-admin', 'Reseller & delegated administrator', 'Revendedor & administrador delegado'],
  ['request.rel.delegated-admin', 'Delegated administrator', 'Administrador delegado'],
  ['request.rel.reseller', 'Reseller', 'Revendedor'],
  ['invitation.title', 'Accept agreement & authorize partner', 'Aceptar contrato & autorizar asociado'],
  ['command.accept-invitation.title', 'Accept agreement & authorize partner', 'Aceptar contrato & autorizar asociado'],
  ['invitation.accept', 'Accept & Authorize', 'Aceptar & Autorizar'],
  ['mca.accept', 'Accept', 'Aceptar'],
  ['command.remove-roles.title', 'Remove roles', 'Quitar roles'],
  ['find.contact', 'Contact selected providers', 'Ponerse en contacto con los proveedores seleccionados'],
  ['twoTier.authorize.button', 'Authorize indirect provider', 'Autorizar proveedor indirecto'],
  ['command.indirect-providers.title', 'Indirect providers', 'Proveedores indirectos'],
  ['command.indirect-resellers.title', 'Indirect resellers', 'Revendedores indirectos'],
  ['twoTier.viewCustomers', 'View customers', 'Ver clientes'],
  ['twoTier.inviteCustomers', 'Invite new customers', 'Invitar a nuevos clientes'],
];

describe('labels as the seeds print them', () => {
  it.each(SEED_LABELS)('%s', (key, en, es) => {
    expect(t('en', key)).toBe(en);
    expect(t('es', key)).toBe(es);
  });

  it.each([
    ['en', 'find.text', 'Contact selected providers'],
    ['es', 'find.text', 'Ponerse en contacto con los proveedores seleccionados'],
    ['es', 'find.resultsText', 'Ponerse en contacto con los proveedores seleccionados'],
  ] as const)('%s %s names the button as it is labelled', (language, key, label) => {
    expect(t(language, key, { count: 2 })).toContain(label);
  });

  describe('on the request form', () => {
    const chat = useBotWorld();
    it.each([
      [
        'en-US',
        'request relationship',
        'Include delegated administration privileges for Azure Active Directory and Office 365',
        'Reseller & delegated administrator',
      ],
      [
        'es-ES',
        'solicitar relacion',
        'Incluir privilegios de administración delegados para Azure Active Directory y Office 365',
        'Revendedor & administrador delegado',
      ],
    ])('in %s', async (locale, command, includeAdmin, both) => {
      const text = await chat.harness(persona('alex'), {}, locale).say(command);
      expect(text).toContain(includeAdmin);
      expect(text).toContain(both);
    });
  });
});
