import { EDIT_TEMPLATE_DIALOG } from '../../../src/bot/workflows/access/edit-template-dialog.js';
import { ACCESS_VERBS } from '../../../src/bot/workflows/access/verbs.js';
import type { Store } from '../../../src/store/store.js';
import { useBotWorld } from '../../support/bot-world.js';
import { WorkflowDialogClient } from '../../support/dialog-client.js';
import { expectSeen, play, type Turn } from '../../support/dialog-turns.js';
import { persona } from '../../support/personas.js';

const alex = persona('alex'); // Adatum admin agent
const SAVE = ACCESS_VERBS.templateSave;
const TEMPLATE = 'template-adatum-helpdesk';
const LICENSING = {
  templateId: '',
  name: 'Licensing',
  roles: 'license-administrator',
  durationDays: '180',
  autoExtend: 'true',
  groups: '',
};

/** EditTemplateDialog alone (DialogTestClient): New or Edit from the templates list, the form, then the list. */
describe('EditTemplateDialog (DialogTestClient)', () => {
  const world = useBotWorld();
  const clients: WorkflowDialogClient[] = [];
  const client = (store: Store, templateId = '', locale = 'en-US') => {
    const c = new WorkflowDialogClient(store, alex, EDIT_TEMPLATE_DIALOG, { templateId }, {}, locale);
    clients.push(c);
    return c;
  };
  afterEach(() => clients.splice(0).forEach((c) => c.stop()));
  const names = async () =>
    (await world.store.findBy('accessTemplates', 'partner', alex.tenantId)).map((t) => t.name).sort();

  it.each<[string, string, Turn[], string[], string[]]>([
    [
      'a new template: the form, then the list with it',
      '',
      [
        ['say', 'start'],
        ['click', SAVE, LICENSING],
      ],
      ['New relationship template', 'Saved Licensing.'],
      ['Helpdesk standard', 'Licensing'],
    ],
    [
      'an existing template: its form filled in, then saved',
      TEMPLATE,
      [
        ['say', 'start'],
        ['click', SAVE, { ...LICENSING, templateId: TEMPLATE, name: 'Helpdesk plus' }],
      ],
      ['Edit relationship template', 'Saved Helpdesk plus.'],
      ['Helpdesk plus'],
    ],
    [
      'a refusal redraws the form with why, saving nothing',
      '',
      [
        ['say', 'start'],
        ['click', SAVE, { ...LICENSING, roles: '' }],
      ],
      ['New relationship template', 'Choose at least one admin role for the template'],
      ['Helpdesk standard'],
    ],
    [
      'a card naming another template than the one edited is refused',
      '',
      [
        ['say', 'start'],
        ['click', SAVE, { ...LICENSING, templateId: TEMPLATE }],
      ],
      ['New relationship template', "I cannot find that, or it is not your organisation's"],
      ['Helpdesk standard'],
    ],
    [
      'help shows what Alex can do, then the form again',
      '',
      [
        ['say', 'start'],
        ['say', 'help'],
      ],
      ['New relationship template', 'Help: what you can do'],
      ['Helpdesk standard'],
    ],
    [
      'cancel says nothing was saved',
      '',
      [
        ['say', 'start'],
        ['say', 'cancel'],
      ],
      ['New relationship template', 'Cancelled editing a relationship template. Nothing was saved.'],
      ['Helpdesk standard'],
    ],
    [
      'the first card, once redrawn with an error, changes nothing',
      '',
      [
        ['say', 'start'],
        ['click', SAVE, { ...LICENSING, roles: '' }],
        ['click', SAVE, { ...LICENSING, formTicket: 'an-old-card' }],
      ],
      ['New relationship template', 'New relationship template', 'This form is no longer active'],
      ['Helpdesk standard'],
    ],
  ])('%s', async (_name, templateId, turns, seen, templates) => {
    expectSeen(await play(client(world.store, templateId), turns), seen);
    expect(await names()).toEqual(templates);
  });

  it('a card redrawn after a refusal replaces the first: the first has no effect', async () => {
    const c = client(world.store);
    await c.say('start');
    const { formTicket } = c.tickets.dataFor(SAVE);
    await c.click(SAVE, { ...LICENSING, roles: '' });
    expect((await c.click(SAVE, { ...LICENSING, formTicket })).text).toContain("Type 'templates' to start again");
    expect(await names()).not.toContain('Licensing');
    expect((await c.click(SAVE, LICENSING)).text).toContain('Saved Licensing.');
  });

  it('resumes after a restart: a new adapter on the same store saves the form', async () => {
    const before = client(world.store);
    await before.say('start');
    const ticket = before.tickets.dataFor(SAVE);
    const after = client(world.store);
    expect((await after.click(SAVE, { ...ticket, ...LICENSING })).text).toContain('Saved Licensing.');
  });

  it('speaks Spanish throughout, cancel included', async () => {
    const c = client(world.store, '', 'es-ES');
    await c.say('empezar');
    expect((await c.say('cancelar')).text).toContain('Se canceló la edición de una plantilla de relación');
  });
});
