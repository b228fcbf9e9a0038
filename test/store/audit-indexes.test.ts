import { betweenSince, pairGroup, relationshipSince } from '../../src/store/audit-indexes.js';
import type { AuditEvent } from '../../src/domain/model.js';
import { tempStore } from '../support/world.js';

const AT = '2026-11-22T10:00:00.000Z';
const event = (tenantIds: string[], target = { type: 'relationship', id: 'rel-1' }): AuditEvent => ({
  id: 'e',
  version: 1,
  at: AT,
  actor: null,
  action: 'relationship.activated',
  target,
  tenantIds,
});

describe('audit event indexes', () => {
  it.each<[string, string[], string[]]>([
    ['one organisation: no pair', ['a'], []],
    ['two, either order: the same group', ['b', 'a'], [`a|b/${AT}`]],
    ['a two-tier chain: its three pairs', ['p', 'r', 'c'], [`p|r/${AT}`, `c|p/${AT}`, `c|r/${AT}`]],
    ['one named twice: one pair, once', ['a', 'b', 'a'], [`a|b/${AT}`]],
  ])('between: %s', (_what, tenantIds, keys) => {
    expect(betweenSince(event(tenantIds))).toEqual(keys);
  });

  it('pairs one way whichever organisation comes first', () => {
    expect(pairGroup('x', 'y')).toBe(pairGroup('y', 'x'));
  });

  it.each<[string, AuditEvent['target'], string[]]>([
    ['a relationship', { type: 'relationship', id: 'rel-1' }, [`rel-1/${AT}`]],
    ['an id with a "/": escaped, so it cannot end the group', { type: 'relationship', id: 'a/b' }, [`a%2Fb/${AT}`]],
    ['an invitation: not a relationship', { type: 'invitation', id: 'inv-1' }, []],
  ])('relationship: %s', (_what, target, keys) => {
    expect(relationshipSince(event(['a', 'b'], target))).toEqual(keys);
  });

  it('refuses an event concerning four organisations (an ordered index keeps three groups a record)', async () => {
    const { store, dispose } = await tempStore();
    try {
      const { version: _v, ...record } = event(['a', 'b', 'c', 'd']);
      await expect(store.transaction((tx) => void tx.insert('auditEvents', record))).rejects.toThrow();
      expect(await store.get('auditEvents', 'e')).toBeUndefined();
    } finally {
      await dispose();
    }
  });
});
