import type { Locator } from 'playwright-core';
import { E2EStack } from './support/stack.js';

/** Find a partner → Contact selected providers → a partner's sales agent sees the lead; and the same in Spanish. */
describe('find a partner in the local Teams client', () => {
  const stack = new E2EStack();
  beforeAll(async () => {
    await stack.start();
    for (const persona of ['customer-global-admin', 'partner-sales-agent', 'spanish-customer-admin']) {
      await (await stack.as(persona)).sees('Welcome to Partner Desk');
    }
  });
  afterAll(() => stack.stop());

  it('a customer admin contacts two partners; the sales agent sees the lead', async () => {
    const customer = await stack.as('customer-global-admin');
    const form = await customer.say('find partner');
    await form.getByLabel('Location (country code or city, e.g. US or Seattle)').fill('US');
    await form.getByLabel('Services you need (e.g. security, teams)').fill('microsoft 365');
    await customer.click(form, 'Search');
    const results = await customer.sees('Partners that match');
    await expectText(results, 'Adatum Cloud Partners: serves US');
    await results.getByText(/^Adatum Cloud Partners:/).click();
    await results.getByText(/^Litware Solutions:/).click();
    await results
      .getByLabel('Your business needs (what you want help with)')
      .fill('We want to move our 80 people to Microsoft 365 and Teams.');
    await customer.screenshot('results');
    await customer.click(results, 'Contact selected providers');
    const sent = await customer.sees('Your request was sent');
    await expectText(sent, 'Litware Solutions');
    await customer.screenshot('contacted');

    const sales = await stack.as('partner-sales-agent');
    await sales.sees('New lead: Contoso Ltd');
    const leads = await sales.say('leads');
    await expectText(leads, 'Contoso Ltd (new)');
    await expectText(leads, 'move our 80 people');
    await sales.screenshot('lead');
  });

  it('en español: buscar un partner y contactar', async () => {
    const lucia = await stack.as('spanish-customer-admin');
    await lucia.say('idioma es');
    await lucia.sees('A partir de ahora le hablaré en español.');
    const form = await lucia.say('buscar partner');
    await expectText(form, 'Buscar un partner');
    await lucia.click(form, 'Buscar');
    await lucia.sees('Indique al menos una ubicación');
    const again = lucia.lastCard;
    await again.getByLabel('Servicios que necesita (p. ej. security, teams)').fill('microsoft 365');
    await lucia.click(again, 'Buscar');
    const results = await lucia.sees('Partners que coinciden');
    await results.getByText(/^Adatum Cloud Partners:/).click();
    await results
      .getByLabel('Necesidades de su negocio (en qué quiere ayuda)')
      .fill('Queremos pasar a Microsoft 365 en nuestras tiendas.');
    await lucia.click(results, 'Ponerse en contacto con los proveedores seleccionados');
    await lucia.sees('Su solicitud se envió');
    await lucia.screenshot('enviado');
  });
});

async function expectText(locator: Locator, text: string): Promise<void> {
  await locator.filter({ hasText: text }).waitFor();
}
