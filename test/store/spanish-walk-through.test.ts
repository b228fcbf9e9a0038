import { readFileSync } from 'node:fs';
import { FIND_VERBS } from '../../src/bot/workflows/customer/find-partner.js';
import { DEMO_TENANTS } from '../../src/store/demo-world.js';
import { translator } from '../../src/i18n/i18n.js';
import { useBotWorld } from '../support/bot-world.js';
import { persona } from '../support/personas.js';

const es = translator('es');

/** The README's Spanish walk-through, step by step: the text in backticks of each numbered line. */
function walkThrough(): string[][] {
  const readme = readFileSync('README.md', 'utf8');
  const start = readme.indexOf('### En español');
  const section = readme.slice(start, readme.indexOf('\n## ', start));
  return section
    .split(/\n(?=\d+\. )/)
    .filter((step) => /^\d+\. /.test(step))
    .map((step) => [...step.matchAll(/`([^`]+)`/g)].map((m) => m[1]!));
}

describe("the README's Spanish walk-through works as written", () => {
  const chat = useBotWorld();

  it('finds a partner that serves Spain with Spanish keywords, contacts it and lists the partners, in Spanish', async () => {
    const steps = walkThrough();
    expect(steps.length).toBeGreaterThanOrEqual(5);
    const [language, help, find, location, keywords] = [...steps[0]!, ...steps[1]!, ...steps[2]!];
    const myPartners = steps[4]![0];
    const bot = chat.harness(persona('lucia'));

    expect(await bot.say(language!)).toContain('español');
    const helpText = await bot.say(help!);
    expect(helpText).toContain(`“${find}”`);
    expect(helpText).not.toMatch(/\b(tu|tus|puedes)\b/);
    expect(await bot.say(find!)).toContain(es.t('find.search'));

    const results = await bot.click(FIND_VERBS.search, { location, keywords });
    expect(results.text).toContain('Relecloud Iberia');
    expect(results.text).toContain('seguridad');
    const contacted = await bot.click(FIND_VERBS.contact, {
      location,
      keywords,
      partners: DEMO_TENANTS.relecloud,
      needs: 'Migrar el correo de 30 buzones a Microsoft 365.',
      contactName: 'Lucía Martín',
      contactEmail: 'lucia@tailspintoys.es',
    });
    expect(contacted.text).toContain('Relecloud Iberia');
    const leads = await chat.store.findBy('leads', 'partner', DEMO_TENANTS.relecloud);
    expect(leads.map((l) => l.customerTenantId)).toEqual([DEMO_TENANTS.tailspin]);

    const partners = await bot.say(myPartners!);
    expect(partners).not.toContain(es.t('permission.refused.title'));
    expect(partners).toContain('Tailspin Toys');
  });
});
