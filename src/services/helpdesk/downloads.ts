import { createHash, randomBytes } from 'node:crypto';
import type { Store } from '../../store/store.js';

export const DOWNLOAD_TTL_MS = 10 * 60_000;
/**
 * The largest file one link holds, in characters of its body: every instance shares the store, so one
 * export of a huge timeline must not put tens of megabytes into it (and into every instance's reads).
 */
export const DOWNLOAD_MAX_CHARS = 4 * 1024 * 1024;
/** How far back the prune looks for expired links (an instance stopped longer leaves older ones: only space). */
const PRUNE_LOOKBACK_HOURS = 48;
const HOUR_MS = 3_600_000;

export interface DownloadFile {
  filename: string;
  contentType: string;
  body: string;
}

/** The file is larger than one link may hold; nothing was stored. */
export class DownloadTooLargeError extends Error {
  override readonly name = 'DownloadTooLargeError';
  constructor(
    readonly chars: number,
    readonly maxChars: number,
  ) {
    super(`A download of ${chars} characters is larger than a link holds (${maxChars})`);
  }
}

/** The store key of a link: the token's hash, so the store never holds a working link. */
export function downloadId(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * Short-lived links to one file each (a timeline's CSV). The token is random and unguessable and is the only
 * thing in the link; the file lives in the store for ten minutes under the token's hash, so any bot
 * instance on the same store serves a link another one made, and a restart keeps it working.
 */
export class DownloadTokens {
  constructor(
    private readonly store: Store,
    private readonly clock: () => Date = () => new Date(),
    private readonly ttlMs = DOWNLOAD_TTL_MS,
    /** The largest body one link holds, in characters. */
    readonly maxChars = DOWNLOAD_MAX_CHARS,
  ) {}

  /** Holds `file` for the user `ownerKey` and returns its token and when it stops working. */
  async issue(ownerKey: string, file: DownloadFile): Promise<{ token: string; expiresAt: Date }> {
    if (file.body.length > this.maxChars) throw new DownloadTooLargeError(file.body.length, this.maxChars);
    const token = randomBytes(24).toString('base64url');
    const now = this.clock();
    const expiresAt = new Date(now.getTime() + this.ttlMs);
    await this.store.transaction((tx) => {
      tx.insert('downloads', {
        id: downloadId(token),
        ownerKey,
        filename: file.filename,
        contentType: file.contentType,
        body: file.body,
        createdAt: now.toISOString(),
        expiresAt: expiresAt.toISOString(),
      });
    });
    return { token, expiresAt };
  }

  /** The file for a live token, or undefined when unknown or expired. */
  async get(token: string): Promise<DownloadFile | undefined> {
    const held = await this.store.get('downloads', downloadId(token));
    if (!held || new Date(held.expiresAt) <= this.clock()) return undefined;
    return { filename: held.filename, contentType: held.contentType, body: held.body };
  }

  /** Forgets expired links, hour by hour through the expiry index; returns how many. */
  async prune(): Promise<number> {
    const now = this.clock();
    const last = Math.floor(now.getTime() / HOUR_MS) * HOUR_MS;
    let forgotten = 0;
    for (let at = last - PRUNE_LOOKBACK_HOURS * HOUR_MS; at <= last; at += HOUR_MS) {
      const hour = new Date(at).toISOString().slice(0, 13);
      const expired = (await this.store.findBy('downloads', 'expires', hour)).filter(
        (d) => new Date(d.expiresAt) <= now,
      );
      if (!expired.length) continue;
      await this.store.transaction(async (tx) => {
        for (const d of expired) {
          const current = await tx.get('downloads', d.id);
          if (current) tx.remove('downloads', current);
        }
      });
      forgotten += expired.length;
    }
    return forgotten;
  }
}
