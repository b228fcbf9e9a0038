import { RecentRecords } from '../../src/store/recent-records.js';

describe('RecentRecords', () => {
  it('keeps the most recently used texts within its budget, dropping the least recently used first', () => {
    const recent = new RecentRecords(6_400);
    for (const key of ['a', 'b', 'c']) recent.set(key, key.repeat(100));
    recent.get('a');
    for (let n = 0; n < 62; n++) recent.set(`small ${n}`, 'x'.repeat(100));
    expect([recent.get('b'), recent.get('c')]).toEqual([undefined, 'c'.repeat(100)]);
    // Reading c made it the most recent: a is now the least recently used.
    recent.set('one more', 'y'.repeat(100));
    expect([recent.get('a'), recent.get('small 0'), recent.get('c')]).toEqual([
      undefined,
      'x'.repeat(100),
      'c'.repeat(100),
    ]);
  });

  it('does not keep a text larger than a 64th of its budget, nor let it push out the small ones', () => {
    const recent = new RecentRecords(6_400);
    recent.set('user', 'u'.repeat(100));
    recent.set('download', 'd'.repeat(101));
    expect([recent.get('download'), recent.get('user')]).toEqual([undefined, 'u'.repeat(100)]);
    // A record that grew past the limit is not served in its old version either.
    recent.set('user', 'u'.repeat(200));
    expect(recent.get('user')).toBeUndefined();
  });
});
