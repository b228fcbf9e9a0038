import { randomBytes } from 'node:crypto';

export const DOWNLOAD_TTL_MS = 10 * 60_000;
/**
 * Files held at once, in characters of their bodies: a burst of exports of a long timeline must not hold the
 * process's memory for ten minutes. The oldest link stops working first, as if it had expired.
 */
export const DOWNLOAD_BUDGET_CHARS = 16 * 1024 * 1024;

export interface DownloadFile {
  filename: string;
  contentType: string;
  body: string;
}

interface Held extends DownloadFile {
  expiresAt: number;
  ownerKey: string;
}

/**
 * Short-lived links to one file each (a timeline's CSV). The token is random and unguessable and is the only
 * thing in the link; files live in memory for ten minutes, so a restart simply makes the link ask for a new
 * export. One bot instance serves its own links (a shared store would be needed to scale out).
 */
export class DownloadTokens {
  private readonly held = new Map<string, Held>();
  private chars = 0;

  constructor(
    private readonly clock: () => Date = () => new Date(),
    private readonly ttlMs = DOWNLOAD_TTL_MS,
    private readonly budgetChars = DOWNLOAD_BUDGET_CHARS,
  ) {}

  /** Holds `file` for the user `ownerKey` and returns its token and when it stops working. */
  issue(ownerKey: string, file: DownloadFile): { token: string; expiresAt: Date } {
    this.sweep();
    const token = randomBytes(24).toString('base64url');
    const expiresAt = this.clock().getTime() + this.ttlMs;
    this.held.set(token, { ...file, expiresAt, ownerKey });
    this.chars += file.body.length;
    for (const [oldest, held] of this.held) {
      if (this.chars <= this.budgetChars || oldest === token) break;
      this.drop(oldest, held);
    }
    return { token, expiresAt: new Date(expiresAt) };
  }

  /** The file for a live token, or undefined when unknown or expired. */
  get(token: string): DownloadFile | undefined {
    const held = this.held.get(token);
    if (!held) return undefined;
    if (held.expiresAt <= this.clock().getTime()) {
      this.drop(token, held);
      return undefined;
    }
    return { filename: held.filename, contentType: held.contentType, body: held.body };
  }

  size(): number {
    this.sweep();
    return this.held.size;
  }

  private sweep(): void {
    const now = this.clock().getTime();
    for (const [token, held] of this.held) if (held.expiresAt <= now) this.drop(token, held);
  }

  private drop(token: string, held: Held): void {
    this.held.delete(token);
    this.chars -= held.body.length;
  }
}
