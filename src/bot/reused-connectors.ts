import {
  ConfigurationBotFrameworkAuthentication,
  type ConfigurationBotFrameworkAuthenticationOptions,
} from 'botbuilder';

type Authentication = ConfigurationBotFrameworkAuthentication;
type Claims = Parameters<Authentication['createConnectorFactory']>[0];
type ConnectorFactory = ReturnType<Authentication['createConnectorFactory']>;
export type ConnectorClient = Awaited<ReturnType<ConnectorFactory['create']>>;
type UserTokenClient = Awaited<ReturnType<Authentication['createUserTokenClient']>>;

/** Service URLs come from activities: a bound keeps a flood of made-up ones from growing the cache. */
export const MAX_REUSED_CLIENTS = 64;

/** botframework-connector's getAppId: the bot's own app id, which is all a factory's client depends on. */
function appIdOf(claims: Claims): string {
  return claims.getClaimValue('aud') ?? claims.getClaimValue('appid') ?? '';
}

/** At most `max` entries; the oldest goes first. A failed creation is forgotten so the next call tries again. */
class BoundedCache<T> {
  private readonly entries = new Map<string, Promise<T>>();
  constructor(private readonly max: number) {}

  get(key: string, create: () => Promise<T>): Promise<T> {
    const found = this.entries.get(key);
    if (found) return found;
    const created = create();
    created.catch(() => {
      if (this.entries.get(key) === created) this.entries.delete(key);
    });
    if (this.entries.size >= this.max) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, created);
    return created;
  }

  get size(): number {
    return this.entries.size;
  }
}

/**
 * botbuilder builds a new connector client and user-token client, each a whole HTTP pipeline, for every
 * turn and every proactive send; profiled, that was a tenth of an Accept & Authorize. A client holds no
 * conversation state and its credentials fetch and renew their own token, so one per bot identity, service
 * URL and audience serves every turn. `prepare` runs once on each new connector client.
 */
export class ReusedConnectorsAuthentication extends ConfigurationBotFrameworkAuthentication {
  private readonly connectors = new BoundedCache<ConnectorClient>(MAX_REUSED_CLIENTS);
  private readonly tokenClients = new BoundedCache<UserTokenClient>(MAX_REUSED_CLIENTS);

  constructor(
    options: ConfigurationBotFrameworkAuthenticationOptions,
    private readonly prepare: (client: ConnectorClient) => void = () => undefined,
  ) {
    super(options);
  }

  /** How many connector clients are kept (for tests). */
  get connectorClients(): number {
    return this.connectors.size;
  }

  override async authenticateRequest(...args: Parameters<Authentication['authenticateRequest']>) {
    const result = await super.authenticateRequest(...args);
    const factory = result.connectorFactory;
    if (!factory) return result;
    return { ...result, connectorFactory: this.reusing(factory, appIdOf(result.claimsIdentity)) };
  }

  override createConnectorFactory(claims: Claims): ConnectorFactory {
    return this.reusing(super.createConnectorFactory(claims), appIdOf(claims));
  }

  override createUserTokenClient(claims: Claims): Promise<UserTokenClient> {
    return this.tokenClients.get(appIdOf(claims), () => super.createUserTokenClient(claims));
  }

  private reusing(factory: ConnectorFactory, appId: string): ConnectorFactory {
    const create = (serviceUrl: string, audience?: string) =>
      this.connectors.get(`${appId}\n${serviceUrl}\n${audience ?? ''}`, async () => {
        const client = await factory.create(serviceUrl, audience);
        this.prepare(client);
        return client;
      });
    // ConnectorFactory is an abstract class whose one member is `create`.
    return { create } as ConnectorFactory;
  }
}
