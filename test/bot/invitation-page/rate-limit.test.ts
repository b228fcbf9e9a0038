import { RateLimiter } from '../../../src/bot/invitation-page/rate-limit.js';
import { languageFromHeader } from '../../../src/bot/invitation-page/route.js';

describe('invitation page rate limit (token bucket per client address)', () => {
  it('allows the burst, refuses the next, and refills at the rate per minute', () => {
    let now = 0;
    const limiter = new RateLimiter({ perMinute: 6, burst: 2 }, () => now);
    expect([limiter.take('a'), limiter.take('a'), limiter.take('a')]).toEqual([true, true, false]);
    expect(limiter.take('b')).toBe(true);
    now += 9_999;
    expect(limiter.take('a')).toBe(false);
    now += 1;
    expect(limiter.take('a')).toBe(true);
  });
});

describe('the page language from Accept-Language', () => {
  it.each([
    ['es-ES,es;q=0.9,en;q=0.8', 'es'],
    ['en-US,en;q=0.9', 'en'],
    ['fr-FR,fr;q=0.9,es;q=0.5,en;q=0.4', 'es'],
    ['en;q=0.3,es;q=0.7', 'es'],
    ['de-DE', 'en'],
    [undefined, 'en'],
  ] as const)('%s → %s', (header, language) => {
    expect(languageFromHeader(header, 'en')).toBe(language);
  });
});
