import { inRecipientLanes } from '../../../src/services/outbox/recipient-lanes.js';

describe('inRecipientLanes', () => {
  const items = ['a1', 'b1', 'a2', 'c1', 'b2', 'd1', 'a3'];
  const recipient = (item: string) => item[0]!;

  it.each([1, 2, 3, 8])(
    'at %i at once: a recipient never twice at a time, its items in order, results in item order',
    async (atOnce) => {
      const busy = new Set<string>();
      let most = 0;
      const order: string[] = [];
      const results = await inRecipientLanes(items, recipient, atOnce, async (item) => {
        expect(busy.has(recipient(item))).toBe(false);
        busy.add(recipient(item));
        most = Math.max(most, busy.size);
        order.push(item);
        await new Promise((resolve) => setImmediate(resolve));
        busy.delete(recipient(item));
        return item.toUpperCase();
      });
      expect(results).toEqual(items.map((item) => item.toUpperCase()));
      expect(most).toBe(Math.min(atOnce, 4));
      for (const who of ['a', 'b']) {
        expect(order.filter((item) => item.startsWith(who))).toEqual(items.filter((item) => item.startsWith(who)));
      }
    },
  );

  it('an empty batch visits nothing', async () => {
    expect(await inRecipientLanes([], recipient, 8, async () => 1)).toEqual([]);
  });

  it('a visit that fails rejects the batch once the visits begun have ended, and begins no other', async () => {
    const begun: string[] = [];
    let ended = 0;
    const batch = inRecipientLanes(items, recipient, 3, async (item) => {
      begun.push(item);
      if (item === 'c1') throw new Error('boom');
      await new Promise((resolve) => setImmediate(resolve));
      ended++;
      return item;
    });
    await expect(batch).rejects.toThrow('boom');
    // a1, b1 and c1 begin together; c1 fails at once, so neither d1 nor a lane's next item begins after it.
    expect(begun).toEqual(['a1', 'b1', 'c1']);
    expect(ended).toBe(2);
  });
});
