import { formatCode, hashInvitationToken, newInvitationToken } from '../../src/services/invitation-token.js';

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
});
