import { ACCESS_VERBS } from '../../../../src/bot/workflows/access/verbs.js';
import { INVITATION_VERBS } from '../../../../src/cards/invitation-card.js';
import { REQUEST_VERBS } from '../../../../src/cards/request-card.js';
import { requestFromTemplate } from '../../../../src/services/invitations/access-templates.js';
import { DEMO_TENANTS } from '../../../../src/store/demo-world.js';
import type { Store } from '../../../../src/store/store.js';
import type { Person } from '../../../support/activities.js';
import { visibleText } from '../../../support/activities.js';
import { useBotWorld } from '../../../support/bot-world.js';
import { persona } from '../../../support/personas.js';

const [alex, grace, sam, hana, umar, carmen] = (['alex', 'grace', 'sam', 'hana', 'umar', 'carmen'] as const).map(
  persona,
);
const TEMPLATE = 'template-adatum-helpdesk';

describe('relationship templates', () => {
  const chat = useBotWorld();
  let store: Store;
  beforeEach(() => (store = chat.store));
  const as = (person: Person, locale = 'en-US') => chat.harness(person, { FOUR_EYES: 'false' }, locale);
  const templates = () => store.findBy('accessTemplates', 'partner', alex!.tenantId);

  it('lists the templates with roles, duration, auto-extend and groups', async () => {
    const text = await as(alex!).say('templates');
    expect(text).toContain('Helpdesk standard');
    expect(text).toContain('Helpdesk Administrator, Password Administrator');
    expect(text).toContain('365 days');
    expect(text).toContain('Groups to assign on activation\nAdatum Helpdesk');
    expect(text).toContain('Request with Helpdesk standard');
  });

  it.each([
    ['an admin agent', alex!],
    ['a global admin', grace!],
  ])('%s defines a template; it is audited', async (_w, who) => {
    const bot = as(who);
    expect((await bot.click(ACCESS_VERBS.templateForm, {})).text).toContain('New relationship template');
    const saved = await bot.click(ACCESS_VERBS.templateSave, {
      name: 'Licensing',
      roles: 'license-administrator',
      durationDays: '180',
      autoExtend: 'true',
      groups: 'group-adatum-helpdesk',
    });
    expect(saved.text).toContain('Saved Licensing.');
    const twice = await bot.click(ACCESS_VERBS.templateSave, { name: 'Licensing', roles: 'license-administrator' });
    expect(twice.text).toContain('This form is no longer active');
    expect((await templates()).filter((t) => t.name === 'Licensing')).toHaveLength(1);
    const made = (await templates()).find((t) => t.name === 'Licensing')!;
    expect(made).toMatchObject({ roles: ['license-administrator'], durationDays: 180, autoExtend: true });
    expect((await store.findBy('auditEvents', 'target', `access-template/${made.id}`)).map((e) => e.action)).toEqual([
      'access-template.created',
    ]);
  });

  it.each([
    [
      'auto-extend with Global Administrator',
      { roles: 'global-administrator', autoExtend: 'true' },
      'Global Administrator',
    ],
    ['no roles', { roles: '' }, 'Choose at least one admin role for the template'],
    ['a name taken', { name: 'HELPDESK standard' }, 'already has a template called Helpdesk standard'],
    ['a group of another partner', { groups: 'group-woodgrove-support' }, 'not one of your organisation'],
  ])('refuses %s, saving nothing', async (_w, values, expected) => {
    const bot = as(alex!);
    await bot.click(ACCESS_VERBS.templateForm, {});
    const answer = await bot.click(ACCESS_VERBS.templateSave, {
      name: 'New one',
      roles: 'helpdesk-administrator',
      durationDays: '90',
      autoExtend: 'false',
      groups: '',
      ...values,
    });
    expect(answer.text).toContain(expected);
    expect(await templates()).toHaveLength(1);
  });

  it.each([
    ['a sales agent', sam!],
    ['a helpdesk agent', hana!],
    ['a user management admin', umar!],
  ])('refuses %s', async (_w, who) => {
    expect(await as(who).say('templates')).toContain('Not allowed');
    expect((await as(who).click(ACCESS_VERBS.templateRequest, { templateId: TEMPLATE })).text).toContain('Not allowed');
  });

  it('a request from a template assigns its groups as soon as the customer accepts', async () => {
    const partner = as(alex!);
    const form = await partner.click(ACCESS_VERBS.templateRequest, { templateId: TEMPLATE });
    expect(form.text).toContain('From the template Helpdesk standard');
    const draft = await partner.click(REQUEST_VERBS.submit, {
      customer: 'contoso.com',
      displayName: 'Contoso support',
      relationship: 'reseller-delegated-admin',
      includeAdmin: 'true',
      roles: 'helpdesk-administrator,password-administrator',
      durationDays: '365',
      autoExtend: 'true',
      templateId: TEMPLATE,
    });
    expect(draft.text).toContain('Relationship name\nContoso support');
    const [invitation] = await store.findBy('invitations', 'partner', alex!.tenantId);
    expect(invitation).toMatchObject({
      displayName: 'Contoso support',
      template: { id: TEMPLATE, groupIds: ['group-adatum-helpdesk'] },
    });
    const token = /\/invite\/([A-Z2-7]{32})/.exec(draft.text)![1]!;
    await partner.click(REQUEST_VERBS.done, {
      invitationId: invitation!.id,
      token,
      subject: 'Support',
      body: `Please accept: http://localhost:3978/invite/${token}`,
    });
    await as(carmen!).click(INVITATION_VERBS.accept, { invitationId: invitation!.id, acknowledged: 'true' });
    const [relationship] = (await store.findBy('relationships', 'customer', DEMO_TENANTS.contoso)).filter(
      (r) => r.invitationId === invitation!.id,
    );
    expect(relationship?.displayName).toBe('Contoso support');
    const [assignment] = await store.findBy('accessAssignments', 'relationship', relationship!.id);
    expect(assignment).toMatchObject({
      groupId: 'group-adatum-helpdesk',
      roles: ['helpdesk-administrator', 'password-administrator'],
      status: 'active',
      createdBy: null,
    });
    const toHana = (await store.findBy('notifications', 'subject', assignment!.id)).map((n) => n.aadObjectId);
    expect(toHana).toEqual([hana!.aadObjectId]);
    const answer = await as(hana!).say('can we reset a password for Contoso support');
    expect(answer).toContain('Yes, for Contoso Ltd');
    expect(answer).toContain('You can: you are in the group Adatum Helpdesk');
  });

  it('requestFromTemplate turns (template, customer) into a request the bulk request can send', async () => {
    const template = (await store.get('accessTemplates', TEMPLATE))!;
    expect(requestFromTemplate(template, { tenantId: DEMO_TENANTS.contoso })).toEqual({
      kind: 'reseller',
      customer: { tenantId: DEMO_TENANTS.contoso },
      relationshipTypes: ['reseller', 'delegated-admin'],
      adminAccess: { roles: ['helpdesk-administrator', 'password-administrator'], durationDays: 365, autoExtend: true },
      template: { id: TEMPLATE, groupIds: ['group-adatum-helpdesk'] },
    });
  });

  it('in Spanish', async () => {
    const text = await as(alex!, 'es-ES').say('plantillas');
    expect(text).toContain('Plantillas de relación');
    expect(text).toContain('Solicitar con Helpdesk standard');
  });

  it('a template whose group is gone by acceptance: the assignment is in error and the admin agents are told', async () => {
    // A template's group removed before the customer accepts: the assignment is recorded in error, not active.
    await store.transaction(async (tx) => {
      tx.remove('securityGroups', (await tx.get('securityGroups', 'group-adatum-helpdesk'))!);
    });
    const partner = as(alex!);
    await partner.click(ACCESS_VERBS.templateRequest, { templateId: TEMPLATE });
    const draft = await partner.click(REQUEST_VERBS.submit, {
      customer: 'contoso.com',
      relationship: 'reseller-delegated-admin',
      includeAdmin: 'true',
      roles: 'helpdesk-administrator',
      durationDays: '30',
      templateId: TEMPLATE,
    });
    const [invitation] = await store.findBy('invitations', 'partner', alex!.tenantId);
    const token = /\/invite\/([A-Z2-7]{32})/.exec(draft.text)![1]!;
    await partner.click(REQUEST_VERBS.done, {
      invitationId: invitation!.id,
      token,
      subject: 'S',
      body: `http://localhost:3978/invite/${token}`,
    });
    await as(carmen!).click(INVITATION_VERBS.accept, { invitationId: invitation!.id, acknowledged: 'true' });
    const relationship = (await store.findBy('relationships', 'customer', DEMO_TENANTS.contoso)).find(
      (r) => r.invitationId === invitation!.id,
    )!;
    const [assignment] = await store.findBy('accessAssignments', 'relationship', relationship.id);
    expect(assignment).toMatchObject({ status: 'error', error: 'group-missing' });
    const told = await store.findBy('notifications', 'subject', assignment!.id);
    expect(told.length).toBeGreaterThan(0);
    expect(visibleText(told[0]!.payload)).toContain('the group no longer exists');
  });
});
