import { ENROLL_DIALOG, ENROLL_VERB } from '../../../src/bot/workflows/two-tier/enrollment.js';
import type { Store } from '../../../src/store/store.js';
import { visibleText } from '../../support/activities.js';
import { useBotWorld } from '../../support/bot-world.js';
import { WorkflowDialogClient } from '../../support/dialog-client.js';
import { expectSeen, play, type Turn } from '../../support/dialog-turns.js';
import { persona } from '../../support/personas.js';
import { NOW } from '../../support/world.js';
import { TAILSPIN_APPLICATION } from '../../support/enrollment-application.js';

const lucia = persona('lucia'); // Tailspin Toys global admin, its own primary contact
const FORM = TAILSPIN_APPLICATION;

/** EnrollmentDialog alone (DialogTestClient): the application form, then the code typed with verify. */
describe('EnrollmentDialog (DialogTestClient)', () => {
  const world = useBotWorld();
  const clients: WorkflowDialogClient[] = [];
  const client = (store: Store, locale = 'en-US') => {
    const c = new WorkflowDialogClient(store, lucia, ENROLL_DIALOG, {}, {}, locale);
    clients.push(c);
    return c;
  };
  afterEach(() => clients.splice(0).forEach((c) => c.stop()));
  const enrollments = () => world.store.all('enrollments');
  const code = async () => {
    const [note] = (await world.store.all('notifications')).filter((n) => n.kind === 'enrollment.code');
    return /\b(\d{6})\b/.exec(visibleText(note?.payload))![1]!;
  };

  it.each<[string, Turn[], string[], number]>([
    [
      'the form, then the code step',
      [
        ['say', 'start'],
        ['click', ENROLL_VERB, FORM],
      ],
      ['Legal business name', 'We sent a one-time code to Lucía Martín in Teams'],
      1,
    ],
    [
      'a refusal redraws the form with what was typed and saves nothing',
      [
        ['say', 'start'],
        ['click', ENROLL_VERB, { ...FORM, mpnId: 'abc' }],
      ],
      ['Enroll as an indirect reseller', 'partner network (MPN) id: 6 to 10 digits'],
      0,
    ],
    [
      'the refused form keeps what was typed',
      [
        ['say', 'start'],
        ['click', ENROLL_VERB, { ...FORM, mpnId: 'abc' }],
      ],
      ['Enroll now', 'Calle Mayor 1'],
      0,
    ],
    [
      'help shows what Lucía can do, then the form again',
      [
        ['say', 'start'],
        ['say', 'help'],
      ],
      ['Legal business name', 'Help: what you can do'],
      0,
    ],
    [
      'help at the code step says again how to confirm',
      [
        ['say', 'start'],
        ['click', ENROLL_VERB, FORM],
        ['say', 'help'],
      ],
      ['Legal business name', 'We sent a one-time code', 'confirms the address by typing: verify CODE'],
      1,
    ],
    [
      'cancel at the form says nothing was saved',
      [
        ['say', 'start'],
        ['say', 'cancel'],
      ],
      ['Legal business name', 'Cancelled enrolling as an indirect reseller. Nothing was saved.'],
      0,
    ],
    [
      'cancel at the code step says the application stays',
      [
        ['say', 'start'],
        ['click', ENROLL_VERB, FORM],
        ['say', 'cancel'],
      ],
      ['Legal business name', 'We sent', 'Already saved, and kept: the application of Tailspin Toys S.L.'],
      1,
    ],
    [
      'text that is not a code is not an attempt',
      [
        ['say', 'start'],
        ['click', ENROLL_VERB, FORM],
        ['say', 'I did not get it'],
      ],
      ['Legal business name', 'We sent', 'Type the code you received: verify 123456'],
      1,
    ],
    [
      'an old copy of the form, after the code was sent, changes nothing',
      [
        ['say', 'start'],
        ['click', ENROLL_VERB, FORM],
        ['click', ENROLL_VERB, { ...FORM, formTicket: 'an-old-card' }],
      ],
      ['Legal business name', 'We sent', 'This form is no longer active'],
      1,
    ],
  ])('%s', async (_name, turns, seen, saved) => {
    expectSeen(await play(client(world.store), turns), seen);
    expect(await enrollments()).toHaveLength(saved);
  });

  it('a wrong code says how many attempts are left and waits; the right one confirms', async () => {
    const c = client(world.store);
    await c.say('start');
    await c.click(ENROLL_VERB, FORM);
    const right = await code();
    const wrong = right === '000000' ? '111111' : '000000';
    expect((await c.say(`verify ${wrong}`)).text).toContain('That code is not right. Attempts left: 4.');
    expect((await enrollments())[0]?.verification.attempts).toBe(1);
    expect((await c.say(right)).text).toContain('Email confirmed');
    expect((await enrollments())[0]?.status).toBe('in-review');
    expect(c.status).toBe('complete');
  });

  it('the same card submitted twice has one effect', async () => {
    const c = client(world.store);
    await c.say('start');
    const { formTicket } = c.tickets.dataFor(ENROLL_VERB);
    await c.click(ENROLL_VERB, FORM);
    const twice = await c.click(ENROLL_VERB, { ...FORM, formTicket });
    expect(twice.text).toContain("Type 'enroll' to start again");
    expect(await enrollments()).toHaveLength(1);
    expect((await world.store.all('notifications')).filter((n) => n.kind === 'enrollment.code')).toHaveLength(1);
  });

  it('an expired code goes back to the filled-in form; applying again sends a new code', async () => {
    const c = client(world.store);
    await c.say('start');
    await c.click(ENROLL_VERB, FORM);
    const [first] = await enrollments();
    const expiresAt = new Date(NOW.getTime() - 1000).toISOString();
    await world.store.transaction(
      (tx) => void tx.update('enrollments', { ...first!, verification: { ...first!.verification, expiresAt } }),
    );
    const back = (await c.say('verify 123456')).text;
    expect(back).toContain('Apply again to get a new code');
    expect(back).toContain('Tailspin Toys S.L.');
    expect((await c.click(ENROLL_VERB, FORM)).text).toContain('We sent a one-time code');
    expect((await enrollments())[0]!.verification.codeHash).not.toBe(first!.verification.codeHash);
  });

  it('resumes after a restart: a new adapter on the same store takes the code', async () => {
    const before = client(world.store);
    await before.say('start');
    await before.click(ENROLL_VERB, FORM);
    const after = client(world.store);
    expect((await after.say(`verify ${await code()}`)).text).toContain('Email confirmed');
    expect((await enrollments())[0]?.status).toBe('in-review');
  });

  it('speaks Spanish throughout, cancel included', async () => {
    const c = client(world.store, 'es-ES');
    expect((await c.say('empezar')).text).toContain('Inscribirse');
    expect((await c.say('cancelar')).text).toContain('Se canceló la inscripción como revendedor indirecto');
  });
});
