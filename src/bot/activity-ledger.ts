import { randomUUID } from 'node:crypto';
import type { Activity } from 'botbuilder';
import type { Language } from '../domain/model.js';
import { describeError, type Logger } from '../logging/logger.js';
import { StoreBusyError } from '../store/store-busy.js';
import { ConflictError, StorageUnavailableError, withRetry, type Store, type Transaction } from '../store/store.js';
import type { ProcessedActivity } from '../store/runtime-records.js';
import { redactedResponse } from './redacted-response.js';

const PRUNE_LOOKBACK_HOURS = 30 * 24;

/** `first`: this delivery runs the turn. `duplicate`: it ran or is running; `response` is the invoke answer if done. */
export type Claim = { kind: 'first' } | { kind: 'duplicate'; response: unknown };

/** Teams re-sends within seconds to minutes; the full response is kept in memory about that long. */
const FULL_RESPONSE_MS = 5 * 60_000;
const FULL_RESPONSES = 1000;
/**
 * How long a claim holds while its turn runs. Longer than any turn takes (a turn waits at most a few
 * seconds for each connection and each connector call), so a live instance's turn never runs twice;
 * after it, an instance that died mid-turn is presumed dead and a re-delivery runs the turn.
 */
export const ACTIVITY_CLAIM_LEASE_MS = 60_000;

/**
 * Teams re-sends an activity it got no answer to; the first delivery claims its id so a re-delivery has no
 * second effect (and gets the first one's invoke response back). The claim is a lease (this instance,
 * until when) while the turn runs and becomes done with the turn's answer, so an instance dying mid-turn
 * loses nothing: its claim lapses and the re-delivery runs the turn. The store keeps the response without
 * invitation tokens; the full one, link and code included, stays in this process for a few minutes.
 * While the disk is full a turn runs unclaimed: only de-duplication is lost, not the turn.
 * On a store no other instance shares (the embedded one, no `withLock`) the claim stays in this process:
 * a later run finding it in the store would take it at once anyway (its claimer died mid-turn), so it
 * bought nothing but a commit and an fsync on every turn's path. "Done" then records the activity.
 */
export class ActivityLedger {
  private readonly full = new Map<string, { response: unknown; until: number }>();
  /** Ids a failed turn gave back while the disk could not record it: Teams' retry still runs. */
  private readonly given = new Set<string>();
  /** This process: a claim by another one on an unshared store is a previous run's, which died. */
  readonly instance = randomUUID();
  /** Unshared store: this process's claims (id → when), until their turn is done or given back. */
  private readonly running = new Map<string, string>();
  /** Unshared store: turns answered whose "done" the full disk could not record: a re-delivery is a duplicate. */
  private readonly unrecorded = new Set<string>();

  constructor(
    readonly store: Store,
    private readonly clock: () => Date,
    private readonly logger: Logger,
    private readonly leaseMs = ACTIVITY_CLAIM_LEASE_MS,
  ) {}

  static key(activity: Partial<Activity>): string | undefined {
    if (!activity.id || !activity.conversation?.id) return undefined;
    return `${activity.channelId}/${activity.conversation.id}/${activity.id}`;
  }

  async claim(key: string): Promise<Claim> {
    if (!this.store.withLock) return this.claimHere(key);
    const now = this.clock();
    const claimed = { claimedBy: this.instance, claimedUntil: new Date(now.getTime() + this.leaseMs).toISOString() };
    try {
      return await this.store
        .transaction(async (tx) => {
          const existing = await tx.get('activities', key);
          if (!existing) {
            tx.insert('activities', { id: key, at: now.toISOString(), ...claimed });
            return { kind: 'first' } as const;
          }
          if (this.given.has(key) || this.abandoned(existing, now)) {
            tx.update('activities', { ...existing, at: now.toISOString(), ...claimed });
            return { kind: 'first' } as const;
          }
          return { kind: 'duplicate', response: this.fullResponse(key) ?? existing.response } as const;
        })
        .then((claim) => {
          if (claim.kind === 'first') this.given.delete(key);
          return claim;
        });
    } catch (error) {
      // Busy is answered 503 and Teams re-sends: the turn must not run unclaimed meanwhile.
      if (error instanceof StorageUnavailableError && !(error instanceof StoreBusyError)) {
        this.logger.warn('activity not claimed: storage unavailable, a re-delivery would run again', {
          error: describeError(error),
        });
        return { kind: 'first' };
      }
      // Another instance claimed it between the read and the write: it is theirs.
      if (error instanceof ConflictError) return { kind: 'duplicate', response: undefined };
      throw error;
    }
  }

  /** The claim on an unshared store: this process's turns are the only ones, so it is kept here. */
  private async claimHere(key: string): Promise<Claim> {
    if (this.running.has(key) || this.unrecorded.has(key))
      return { kind: 'duplicate', response: this.fullResponse(key) };
    const existing = await this.store.get('activities', key);
    if (existing && !existing.claimedUntil && !this.given.has(key))
      return { kind: 'duplicate', response: this.fullResponse(key) ?? existing.response };
    this.given.delete(key);
    this.running.set(key, this.clock().toISOString());
    return { kind: 'first' };
  }

  /** A claim whose lease ran out, or (one process, unshared store) one left by a previous run of it. */
  private abandoned(record: ProcessedActivity, now: Date): boolean {
    if (!record.claimedUntil) return false;
    if (record.claimedBy !== this.instance && !this.store.withLock) return true;
    return new Date(record.claimedUntil) <= now;
  }

  /**
   * A turn that failed gives its id back, so Teams' retry can succeed. False when the store could not be
   * told (busy or full): this process then lets the retry run, and another instance after the lease.
   */
  async release(key: string): Promise<boolean> {
    this.full.delete(key);
    this.running.delete(key);
    try {
      await this.store.transaction(async (tx) => {
        const record = await tx.get('activities', key);
        if (record) tx.remove('activities', record);
      });
      return true;
    } catch (error) {
      if (!(error instanceof StorageUnavailableError)) throw error;
      // A busy store is reported once, by the turn's 503 answer.
      if (!(error instanceof StoreBusyError))
        this.logger.warn('activity not released: storage unavailable', { error: describeError(error) });
      if (this.given.size < FULL_RESPONSES) this.given.add(key);
      return false;
    }
  }

  /**
   * The turn answered: its claim becomes done, with the invoke response (tokens redacted) if it had one,
   * in one commit with `withTurnEnd` (the turn's held conversation state, src/bot/turn-end-writes.ts).
   */
  async done(
    key: string,
    answer?: { response: unknown; language: Language },
    withTurnEnd?: (tx: Transaction) => Promise<void>,
  ): Promise<void> {
    if (answer) this.keepFull(key, answer.response);
    const kept = answer ? redactedResponse(answer.response, answer.language) : undefined;
    try {
      await withRetry(this.store, async (tx) => {
        await withTurnEnd?.(tx);
        const record = await tx.get('activities', key);
        const claimedAt = this.running.get(key);
        if (!record) {
          if (claimedAt)
            tx.insert('activities', { id: key, at: claimedAt, ...(kept === undefined ? {} : { response: kept }) });
          return;
        }
        const { claimedBy: _by, claimedUntil: _until, ...rest } = record;
        tx.update('activities', kept === undefined ? rest : { ...rest, response: kept });
      });
      this.running.delete(key);
    } catch (error) {
      if (!(error instanceof StorageUnavailableError)) throw error;
      if (this.running.delete(key) && this.unrecorded.size < FULL_RESPONSES) this.unrecorded.add(key);
      // The turn's own change is saved; a re-delivery after the lease would only find it done already. A
      // workflow in progress resumes from its previous step (its state is not saved either).
      this.logger.warn(
        withTurnEnd
          ? 'activity not marked done, conversation state not saved: storage unavailable'
          : 'activity not marked done: storage unavailable',
        { error: describeError(error) },
      );
    }
  }

  /** The invoke response of a turn that answered, for a re-delivery (same as `done` with that answer). */
  remember(key: string, response: unknown, language: Language): Promise<void> {
    return this.done(key, { response, language });
  }

  private keepFull(key: string, response: unknown): void {
    const now = this.clock().getTime();
    for (const [oldest, entry] of this.full) {
      if (this.full.size < FULL_RESPONSES && entry.until > now) break;
      this.full.delete(oldest);
    }
    this.full.set(key, { response, until: now + FULL_RESPONSE_MS });
  }

  private fullResponse(key: string): unknown {
    const entry = this.full.get(key);
    if (entry && entry.until > this.clock().getTime()) return entry.response;
    return undefined;
  }

  /**
   * Forgets ids older than Teams could still re-send, hour by hour through the index, looking back
   * PRUNE_LOOKBACK_HOURS (a bot stopped for longer leaves older ids behind: harmless, only space).
   */
  async prune(olderThan: Date): Promise<number> {
    let forgotten = 0;
    const hour = 3_600_000;
    const last = Math.floor(olderThan.getTime() / hour) * hour;
    for (let at = last - PRUNE_LOOKBACK_HOURS * hour; at <= last; at += hour) {
      const key = new Date(at).toISOString().slice(0, 13);
      const old = (await this.store.findBy('activities', 'hour', key)).filter((a) => new Date(a.at) < olderThan);
      for (let i = 0; i < old.length; i += 500) {
        await this.store.transaction(async (tx) => {
          for (const a of old.slice(i, i + 500)) {
            const current = await tx.get('activities', a.id);
            if (current) tx.remove('activities', current);
          }
        });
      }
      forgotten += old.length;
    }
    return forgotten;
  }
}
