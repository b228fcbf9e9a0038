import pg from 'pg';
import { describeError, type Logger } from '../../logging/logger.js';
import type { ChangeFeed } from '../change-feed.js';
import type { AnyRecord } from '../log-transaction.js';
import type { CollectionName } from '../store.js';

/** The channel every instance on one database announces its commits on. */
export const CHANGES_CHANNEL = 'partner_desk_changes';
/** PostgreSQL refuses a NOTIFY payload of 8,000 bytes or more; a commit's writes are split below it. */
const PAYLOAD_BYTES = 7_000;
const RECONNECT_MS = { first: 250, max: 15_000 };

type Written = [collection: CollectionName, id: string];

/** The listening connection's application_name, so an operator (or a test) can tell which instance's it is. */
export function listenerName(instance: string): string {
  return `partner-desk-changes ${instance.slice(0, 8)}`;
}

/**
 * The NOTIFY payloads announcing a commit's writes (collection and id, never the record: listeners read
 * it back), each tagged with the committing instance so it skips its own.
 */
export function announcements(
  instance: string,
  writes: readonly { collection: CollectionName; id: string }[],
): string[] {
  const payloads: string[] = [];
  let batch: Written[] = [];
  let bytes = 0;
  const flush = () => {
    if (batch.length) payloads.push(JSON.stringify({ from: instance, writes: batch }));
    batch = [];
    bytes = 0;
  };
  for (const { collection, id } of writes) {
    const size = Buffer.byteLength(JSON.stringify([collection, id])) + 1;
    if (bytes + size > PAYLOAD_BYTES - 64) flush();
    batch.push([collection, id]);
    bytes += size;
  }
  flush();
  return payloads;
}

/**
 * Other instances' commits, for this instance's change feed: one connection LISTENs on CHANGES_CHANNEL,
 * and each announcement's records are read back (in one query, announcements one at a time, so a record's
 * later state is never told before its earlier one). PostgreSQL does not keep notifications for a
 * listener that was disconnected, so when the connection is lost the feed says so (ChangesLost) and does
 * again once listening on a new one: views built from it rebuild from the store.
 */
export class RemoteChanges {
  private client?: pg.Client;
  private closed = false;
  private retry = RECONNECT_MS.first;
  private timer?: NodeJS.Timeout;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly url: string,
    private readonly target: string,
    private readonly instance: string,
    private readonly feed: ChangeFeed,
    private readonly read: pg.Pool,
    private readonly logger: Logger,
  ) {}

  /** Listens; rejects when the first connection cannot be made (start-up reports it). */
  async start(): Promise<void> {
    await this.listen();
  }

  private async listen(): Promise<void> {
    const client = new pg.Client({ connectionString: this.url, application_name: listenerName(this.instance) });
    client.on('notification', (message) => {
      if (message.channel !== CHANGES_CHANNEL || !message.payload) return;
      const payload = message.payload;
      this.queue = this.queue.then(() => this.tell(payload));
    });
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client, new Error('the listening connection ended')));
    this.client = client;
    await client.connect();
    await client.query(`LISTEN ${CHANGES_CHANNEL}`);
  }

  private lost(client: pg.Client, error: unknown): void {
    if (this.closed || this.client !== client) return;
    this.client = undefined;
    this.endBroken(client);
    this.logger.warn('change feed of other instances lost; lookups rebuild once it is back', {
      target: this.target,
      error: describeError(error),
    });
    this.feed.emitRemote({ lost: true });
    this.reconnect();
  }

  /** Ends a connection already broken: its failure to end is noted, the error that broke it is logged by the caller. */
  private endBroken(client: pg.Client): void {
    client.end().catch((error: unknown) =>
      this.logger.debug('broken listening connection did not end cleanly', {
        target: this.target,
        error: describeError(error),
      }),
    );
  }

  private reconnect(): void {
    if (this.closed) return;
    this.timer = setTimeout(() => {
      this.listen().then(
        () => {
          this.retry = RECONNECT_MS.first;
          this.logger.info('change feed of other instances back', { target: this.target });
          // Whatever was committed while no one listened is unknown: views rebuild from the store.
          this.feed.emitRemote({ lost: true });
        },
        (error: unknown) => {
          const client = this.client;
          this.client = undefined;
          if (client) this.endBroken(client);
          this.logger.warn('change feed of other instances not back yet', {
            target: this.target,
            retryInMs: this.retry,
            error: describeError(error),
          });
          this.retry = Math.min(this.retry * 2, RECONNECT_MS.max);
          this.reconnect();
        },
      );
    }, this.retry);
    this.timer.unref();
  }

  private async tell(payload: string): Promise<void> {
    let parsed: { from?: string; writes?: Written[] };
    try {
      parsed = JSON.parse(payload) as typeof parsed;
    } catch (error) {
      this.logger.warn('unreadable change announcement ignored', { error: describeError(error) });
      return;
    }
    if (parsed.from === this.instance || !Array.isArray(parsed.writes)) return;
    const interest = this.feed.remoteInterest();
    const wanted = parsed.writes.filter(([collection]) => interest.all || interest.collections.has(collection));
    if (wanted.length === 0) return;
    try {
      const { rows } = await this.read.query<{
        collection: CollectionName;
        id: string;
        body: AnyRecord;
        version: number;
      }>(
        `SELECT r.collection, r.id, r.body, r.version FROM records r
           JOIN unnest($1::text[], $2::text[]) AS w(collection, id) ON r.collection = w.collection AND r.id = w.id`,
        [wanted.map((w) => w[0]), wanted.map((w) => w[1])],
      );
      const found = new Map(rows.map((r) => [`${r.collection}/${r.id}`, { ...r.body, version: r.version }]));
      for (const [collection, id] of wanted) {
        this.feed.emitRemote({ collection, id, record: found.get(`${collection}/${id}`) ?? null });
      }
    } catch (error) {
      // The records could not be read back: views must not trust what they hold.
      this.logger.warn('changes of another instance not read back; lookups rebuild', {
        target: this.target,
        error: describeError(error),
      });
      this.feed.emitRemote({ lost: true });
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    const client = this.client;
    this.client = undefined;
    await client?.end();
    await this.queue;
  }
}
