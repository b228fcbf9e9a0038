import { RecentRecords } from '../../src/store/recent-records.js';

describe('RecentRecords', () => {
  it('keeps what was read since the last turnover within its budget, dropping what nobody read', () => {
    // Budget 6,400: a generation turns over at 3,200 characters, 32 texts of 100.
    const recent = new RecentRecords(6_400);
    for (const key of ['a', 'b', 'c']) recent.set(key, key.repeat(100));
    for (let n = 0; n < 29; n++) recent.set(`small ${n}`, 'x'.repeat(100));
    recent.set('turnover', 't'.repeat(100)); // a, b, c and the smalls are now the old generation
    expect(recent.get('a')).toBe('a'.repeat(100)); // read: back in the young generation
    for (let n = 29; n < 60; n++) recent.set(`small ${n}`, 'x'.repeat(100)); // the second turnover
    expect([recent.get('a'), recent.get('b'), recent.get('c'), recent.get('small 0')]).toEqual([
      'a'.repeat(100),
      undefined,
      undefined,
      undefined,
    ]);
    expect(recent.get('small 59')).toBe('x'.repeat(100));
  });

  it('never holds more than its budget, however the texts are read and written', () => {
    const recent = new RecentRecords(6_400);
    const held = () => Array.from({ length: 500 }, (_, n) => recent.get(`k${n}`) ?? '').join('').length;
    for (let n = 0; n < 500; n++) {
      recent.set(`k${n}`, 'z'.repeat(1 + (n % 100)));
      if (n % 3 === 0) recent.get(`k${Math.floor(n / 2)}`);
    }
    expect(held()).toBeLessThanOrEqual(6_400);
  });

  it('forgets a record in either generation', () => {
    const recent = new RecentRecords(6_400);
    recent.set('old', 'o'.repeat(100));
    for (let n = 0; n < 32; n++) recent.set(`small ${n}`, 'x'.repeat(100));
    recent.set('young', 'y'.repeat(100));
    recent.forget('old');
    recent.forget('young');
    expect([recent.get('old'), recent.get('young')]).toEqual([undefined, undefined]);
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
