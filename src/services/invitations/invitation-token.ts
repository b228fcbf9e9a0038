import { createHash, randomBytes } from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const TOKEN_BYTES = 20; // 160 bits: 32 base32 characters

function base32(bytes: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** A new personalised-link token. Only its hash is stored; the token is shown once, in the link and as a code. */
export function newInvitationToken(): { token: string; tokenHash: string } {
  const token = base32(randomBytes(TOKEN_BYTES));
  return { token, tokenHash: hashToken(token) };
}

/** The token as people paste it: grouped in fours for reading aloud. */
export function formatCode(token: string): string {
  return token.match(/.{1,4}/g)?.join('-') ?? token;
}

/**
 * The hash of the token in what someone pasted: the raw token, the grouped code (any case, spaces or
 * dashes), or the whole link (last path segment or `?token=`). Null when it cannot be a token.
 */
export function hashInvitationToken(pasted: string): string | null {
  let candidate = pasted.trim();
  if (/^https?:\/\//i.test(candidate)) {
    try {
      const url = new URL(candidate);
      candidate = url.searchParams.get('token') ?? url.pathname.split('/').filter(Boolean).pop() ?? '';
    } catch {
      return null;
    }
  }
  const normalised = candidate.replace(/[\s-]/g, '').toUpperCase();
  if (normalised.length !== 32 || !/^[A-Z2-7]+$/.test(normalised)) return null;
  return hashToken(normalised);
}

/** What stands in a stored text where an invitation's token (link or code) was: it is shown once, never kept. */
export const REDACTED_TOKEN = '••••';

const GROUPED = /(?<![A-Za-z0-9-])[A-Z2-7]{4}(?:-[A-Z2-7]{4}){7}(?![A-Za-z0-9-])/g;
// After `/invite/`, URL-encoded or not, and as a whole value (a card's `token` data).
const IN_LINK = /invite(?:\/|%2F)([A-Z2-7]{32})(?![A-Za-z0-9])/gi;
const WHOLE = /^[A-Z2-7]{32}$/;

/** The invitation tokens `texts` show: in a link, as a grouped code, or as a whole value. */
export function tokensIn(texts: Iterable<string>): Set<string> {
  const found = new Set<string>();
  for (const text of texts) {
    if (WHOLE.test(text)) found.add(text);
    for (const m of text.matchAll(IN_LINK)) found.add(m[1]!);
    for (const m of text.matchAll(GROUPED)) found.add(m[0].replace(/-/g, ''));
  }
  return found;
}

/** `text` with each of `tokens`, raw or grouped in fours, replaced by REDACTED_TOKEN. */
export function redactTokens(text: string, tokens: ReadonlySet<string> = tokensIn([text])): string {
  let out = text;
  for (const token of tokens) out = out.split(formatCode(token)).join(REDACTED_TOKEN).split(token).join(REDACTED_TOKEN);
  return out;
}
