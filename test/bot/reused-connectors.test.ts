import { createAdapter, createDeliveryAdapter } from '../../src/bot/adapter.js';
import { MAX_REUSED_CLIENTS, ReusedConnectorsAuthentication } from '../../src/bot/reused-connectors.js';
import { loadConfig } from '../../src/config.js';
import { silentLogger } from '../../src/logging/logger.js';

type Client = { client: { pipeline: { getOrderedPolicies(): { name: string }[] } } };
type AdapterInternals = {
  botFrameworkAuthentication: ReusedConnectorsAuthentication;
  createClaimsIdentity(appId: string): Parameters<ReusedConnectorsAuthentication['createConnectorFactory']>[0];
};

function internals(adapter: unknown): AdapterInternals {
  return adapter as AdapterInternals;
}

const policiesOf = (client: unknown) => (client as Client).client.pipeline.getOrderedPolicies().map((p) => p.name);

describe('connector clients reused across turns and deliveries', () => {
  const config = loadConfig({});

  it('hands the same client for the same bot, service URL and audience, and a new one otherwise', async () => {
    const prepared: unknown[] = [];
    const auth = new ReusedConnectorsAuthentication({}, (client) => prepared.push(client));
    const claims = internals(createAdapter(config, silentLogger)).createClaimsIdentity('');
    const first = await auth.createConnectorFactory(claims).create('https://smba.example/amer/', undefined);
    const again = await auth.createConnectorFactory(claims).create('https://smba.example/amer/', undefined);
    const otherUrl = await auth.createConnectorFactory(claims).create('https://smba.example/emea/', undefined);
    const otherAudience = await auth.createConnectorFactory(claims).create('https://smba.example/amer/', 'api://x');
    expect(again).toBe(first);
    expect(otherUrl).not.toBe(first);
    expect(otherAudience).not.toBe(first);
    expect(prepared).toEqual([first, otherUrl, otherAudience]);
    const tokens = await auth.createUserTokenClient(claims);
    expect(await auth.createUserTokenClient(claims)).toBe(tokens);
  });

  it(`keeps at most ${MAX_REUSED_CLIENTS} clients however many service URLs activities name`, async () => {
    const auth = new ReusedConnectorsAuthentication({});
    const claims = internals(createAdapter(config, silentLogger)).createClaimsIdentity('');
    const factory = auth.createConnectorFactory(claims);
    const oldest = await factory.create('https://made-up.example/0/', undefined);
    for (let i = 1; i <= MAX_REUSED_CLIENTS; i++) await factory.create(`https://made-up.example/${i}/`, undefined);
    expect(auth.connectorClients).toBe(MAX_REUSED_CLIENTS);
    expect(await factory.create('https://made-up.example/0/', undefined)).not.toBe(oldest);
  });

  it.each([
    ['turn replies keep botbuilder retries', createAdapter, true],
    ['deliveries leave retrying to the outbox', createDeliveryAdapter, false],
  ])('%s', async (_name, create, retries) => {
    const adapter = internals(create(config, silentLogger));
    const claims = adapter.createClaimsIdentity('');
    const client = await adapter.botFrameworkAuthentication
      .createConnectorFactory(claims)
      .create('https://smba.example/amer/', undefined);
    expect(policiesOf(client).includes('defaultRetryPolicy')).toBe(retries);
    expect(policiesOf(client).includes('partnerDeskDeadline')).toBe(!retries);
  });
});
