import { useBotWorld } from '../../../support/bot-world.js';
import { persona, type PersonaName } from '../../../support/personas.js';

const PARTNER_LINES = [
  'End only the Global Administrator role',
  'Switch auto-extend on or off',
  'Replace legacy DAP',
  'on up to 25 relationships at once',
  'Answer what customers asked',
];
const CUSTOMER_LINES = ['Ask a partner to end the relationship'];

describe('help lists the day-two commands exactly to the roles that may use them', () => {
  const world = useBotWorld();

  it.each<[PersonaName, string[], string[]]>([
    ['alex', PARTNER_LINES, CUSTOMER_LINES],
    ['grace', PARTNER_LINES, CUSTOMER_LINES],
    ['sam', [], [...PARTNER_LINES, ...CUSTOMER_LINES]],
    ['hana', [], [...PARTNER_LINES, ...CUSTOMER_LINES]],
    ['carmen', CUSTOMER_LINES, PARTNER_LINES],
    ['bill', [], [...PARTNER_LINES, ...CUSTOMER_LINES]],
    ['helen', [], [...PARTNER_LINES, ...CUSTOMER_LINES]],
  ])('%s', async (name, listed, absent) => {
    const help = await world.harness(persona(name)).say('help');
    for (const line of listed) expect(help).toContain(line);
    for (const line of absent) expect(help).not.toContain(line);
  });

  it('in Spanish too', async () => {
    const help = await world.harness(persona('carmen'), {}, 'es-ES').say('ayuda');
    expect(help).toContain('Pedir a un partner que finalice la relación');
  });
});
