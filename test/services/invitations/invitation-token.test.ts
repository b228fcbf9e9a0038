import {
  formatCode,
  hashInvitationToken,
  newInvitationToken,
  redactTokens,
  REDACTED_TOKEN,
  tokensIn,
} from '../../../src/services/invitations/invitation-token.js';

describe('invitation tokens', () => {
  it('are random, at least 128 bits, and stored as a SHA-256 hash', () => {
    const a = newInvitationToken();
    const b = newInvitationToken();
    expect(a.token).not.toBe(b.token);
    expect(a.token).toMatch(/^[A-Z2-7]{32}$/); // 32 × 5 = 160 bits
    expect(a.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(a.tokenHash).not.toContain(a.token);
  });

  it.each([
    ['the raw token', (t: string) => t],
    ['the grouped code in lowercase', (t: string) => formatCode(t).toLowerCase()],
    ['the code with spaces', (t: string) => formatCode(t).replace(/-/g, ' ')],
    ['the link', (t: string) => `https://desk.example/invite/${t}`],
    ['the link with ?token=', (t: string) => `https://desk.example/accept?token=${t}`],
  ])('are found from %s', (_name, paste) => {
    const { token, tokenHash } = newInvitationToken();
    expect(hashInvitationToken(paste(token))).toBe(tokenHash);
  });

  it.each(['', 'hello', 'https://', 'A'.repeat(31), '1'.repeat(32)])('refuse %j', (pasted) => {
    expect(hashInvitationToken(pasted)).toBeNull();
  });

  const token = 'YVSTLXM56PG3QHZ25ZMOYFMVKR5Z4G74';
  const code = formatCode(token);
  it.each([
    [
      'a link',
      `Accept: https://desk.example/invite/${token} today`,
      `Accept: https://desk.example/invite/${REDACTED_TOKEN} today`,
    ],
    ['the grouped code', `Code ${code}.`, `Code ${REDACTED_TOKEN}.`],
    [
      'a URL-encoded link (mailto)',
      `body=Go%20https%3A%2F%2Fd.example%2Finvite%2F${token}`,
      `body=Go%20https%3A%2F%2Fd.example%2Finvite%2F${REDACTED_TOKEN}`,
    ],
    ['a whole value (card data)', token, REDACTED_TOKEN],
    ['ordinary text, untouched', 'THIS TEXT HAS WORDS LIKE ABCD-EFGH ONLY', 'THIS TEXT HAS WORDS LIKE ABCD-EFGH ONLY'],
  ])('redact %s', (_name, text, expected) => {
    expect(redactTokens(text)).toBe(expected);
  });

  it('a token seen once (in a link) is redacted wherever else it appears, raw or grouped', () => {
    const texts = [`https://d.example/invite/${token}`, `note: ${token.toLowerCase()} ${code} and ${token}x`];
    const tokens = tokensIn(texts);
    expect([...tokens]).toEqual([token]);
    expect(redactTokens(texts[1]!, tokens)).toBe(
      `note: ${token.toLowerCase()} ${REDACTED_TOKEN} and ${REDACTED_TOKEN}x`,
    );
  });
});
