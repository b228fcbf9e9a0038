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
