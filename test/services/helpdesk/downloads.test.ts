import { DownloadTokens } from '../../../src/services/helpdesk/downloads.js';

const file = (body: string) => ({ filename: 'timeline.csv', contentType: 'text/csv', body });

describe('download links', () => {
  it('keeps files within its budget: the oldest link stops working first, the newest always works', () => {
    const downloads = new DownloadTokens(() => new Date('2026-11-22T10:00:00Z'), 60_000, 10);
    const first = downloads.issue('owner', file('aaaa'));
    const second = downloads.issue('owner', file('bbbb'));
    expect([downloads.get(first.token)?.body, downloads.get(second.token)?.body]).toEqual(['aaaa', 'bbbb']);
    const third = downloads.issue('owner', file('cccc'));
    expect([first, second, third].map((link) => downloads.get(link.token)?.body)).toEqual([undefined, 'bbbb', 'cccc']);
    const big = downloads.issue('owner', file('x'.repeat(20)));
    expect([second, third, big].map((link) => downloads.get(link.token)?.body.length)).toEqual([
      undefined,
      undefined,
      20,
    ]);
  });
});
