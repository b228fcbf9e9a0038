import {
  applyInvitationEvent,
  applyRelationshipEvent,
  canAutoExtend,
  INVITATION_TRANSITIONS,
  RELATIONSHIP_TRANSITIONS,
  type ActorKind,
  type InvitationEvent,
  type RelationshipEvent,
} from '../../src/domain/lifecycle.js';
import { InvitationStatus, RelationshipStatus, type Invitation, type Relationship } from '../../src/domain/model.js';

const NOW = new Date('2026-11-22T10:00:00.000Z');
const day = (n: number) => new Date(NOW.getTime() + n * 86_400_000).toISOString();
const by = { userId: 'u1', name: 'Carmen', tenantId: 't-customer', at: NOW.toISOString() };

function invitation(status: InvitationStatus, expiresInDays = 30): Invitation {
  return {
    id: 'i1',
    version: 1,
    kind: 'reseller',
    partnerTenantId: 't-partner',
    customerTenantId: 't-customer',
    customerDomain: 'contoso.com',
    relationshipTypes: ['reseller'],
    adminAccess: null,
    services: [],
    tokenHash: 'a'.repeat(64),
    status,
    createdAt: day(-10),
    expiresAt: day(expiresInDays),
    createdBy: { userId: 'p1', name: 'Alex', tenantId: 't-partner' },
    fourEyes: { required: false },
  };
}

function relationship(status: RelationshipStatus, endsInDays = 100, extra: Partial<Relationship> = {}): Relationship {
  return {
    id: 'r1',
    version: 3,
    partnerTenantId: 't-partner',
    customerTenantId: 't-customer',
    types: ['reseller', 'delegated-admin'],
    adminAccess: {
      roles: ['helpdesk-administrator'],
      durationDays: 365,
      autoExtend: false,
      startAt: day(-265),
      endAt: day(endsInDays),
    },
    status,
    createdAt: day(-265),
    updatedAt: day(-265),
    ...extra,
  };
}

const INVITATION_EVENTS: InvitationEvent[] = [
  { type: 'send' },
  { type: 'accept', by },
  { type: 'decline', by },
  { type: 'cancel' },
  { type: 'expire' },
];

describe('invitation lifecycle: every state × event', () => {
  const cells = InvitationStatus.options.flatMap((status) =>
    INVITATION_EVENTS.map((event) => [status, event] as const),
  );
  it.each(cells)('%s + %j', (status, event) => {
    const rule = INVITATION_TRANSITIONS[event.type];
    const actor = rule.actors[0]!;
    // expire needs the invitation to be due; the others need it not to be.
    const inv = invitation(status, event.type === 'expire' ? -1 : 30);
    const result = applyInvitationEvent(inv, event, { actor, now: NOW });
    if (rule.from.includes(status)) {
      expect(result).toEqual({ ok: true, value: expect.objectContaining({ status: rule.to }) });
    } else {
      expect(result).toEqual({ ok: false, error: { code: 'illegal-transition', from: status, event: event.type } });
    }
    expect(inv.status).toBe(status); // never mutated
  });
});

describe('invitation rules', () => {
  it.each<[InvitationEvent, ActorKind]>([
    [{ type: 'send' }, 'customer'],
    [{ type: 'accept', by }, 'partner'],
    [{ type: 'cancel' }, 'customer'],
    [{ type: 'expire' }, 'partner'],
  ])('%j by %s is refused with the actors allowed', (event, actor) => {
    const inv = invitation(event.type === 'send' ? 'created' : 'approval-pending', -1);
    const result = applyInvitationEvent(inv, event, { actor, now: NOW });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('actor-not-allowed');
      expect(result.error.allowedActors).toEqual([...INVITATION_TRANSITIONS[event.type].actors]);
    }
  });

  it('cannot expire before 90 days', () => {
    const result = applyInvitationEvent(
      invitation('approval-pending', 5),
      { type: 'expire' },
      { actor: 'system', now: NOW },
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'not-due' } });
  });

  it('cannot be accepted once past its expiry', () => {
    const result = applyInvitationEvent(
      invitation('approval-pending', -1),
      { type: 'accept', by },
      { actor: 'customer', now: NOW },
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'invitation-expired' } });
  });

  it('records who answered and when it was sent', () => {
    const sent = applyInvitationEvent(invitation('created'), { type: 'send' }, { actor: 'partner', now: NOW });
    expect(sent).toMatchObject({ ok: true, value: { sentAt: NOW.toISOString() } });
    const accepted = applyInvitationEvent(
      invitation('approval-pending'),
      { type: 'accept', by },
      { actor: 'customer', now: NOW },
    );
    expect(accepted).toMatchObject({ ok: true, value: { decidedBy: by, version: 1 } });
  });
});

const RELATIONSHIP_EVENTS: RelationshipEvent['type'][] = [
  'activate',
  'mark-expiring',
  'auto-extend',
  'enable-auto-extend',
  'disable-auto-extend',
  'expire',
  'remove-admin-roles',
  'request-termination',
  'terminate',
  'add-roles',
];

/** A relationship in which the event's time conditions hold, so only the state decides. */
function dueFor(status: RelationshipStatus, type: RelationshipEvent['type']): Relationship {
  if (type === 'expire') return relationship(status, -1);
  if (type === 'auto-extend') {
    const rel = relationship(status, 5);
    return { ...rel, adminAccess: { ...rel.adminAccess!, autoExtend: true } };
  }
  if (type === 'mark-expiring') return relationship(status, 10);
  return relationship(status);
}

describe('relationship lifecycle: every state × event', () => {
  const cells = RelationshipStatus.options.flatMap((status) =>
    RELATIONSHIP_EVENTS.map((type) => [status, type] as const),
  );
  it.each(cells)('%s + %s', (status, type) => {
    const rule = RELATIONSHIP_TRANSITIONS[type];
    const rel = dueFor(status, type);
    const result = applyRelationshipEvent(rel, { type } as RelationshipEvent, { actor: rule.actors[0]!, now: NOW });
    if (type === 'add-roles') {
      expect(result).toMatchObject({ ok: false, error: { code: 'roles-cannot-be-added' } });
    } else if (rule.from.includes(status)) {
      const expected = type === 'expire' ? 'active' : rule.keepsState ? status : rule.to;
      expect(result).toMatchObject({ ok: true, value: { status: expected } });
    } else {
      expect(result).toEqual({ ok: false, error: { code: 'illegal-transition', from: status, event: type } });
    }
    expect(rel.status).toBe(status);
  });
});

describe('relationship rules', () => {
  it('auto-extend adds 180 days', () => {
    const rel = relationship('expiring', 5);
    const result = applyRelationshipEvent(
      { ...rel, adminAccess: { ...rel.adminAccess!, autoExtend: true } },
      { type: 'auto-extend' },
      { actor: 'system', now: NOW },
    );
    expect(result).toMatchObject({ ok: true, value: { status: 'active', adminAccess: { endAt: day(185) } } });
  });

  it('auto-extend is refused with Global Administrator', () => {
    const rel = relationship('active');
    const withGlobal = { ...rel, adminAccess: { ...rel.adminAccess!, roles: ['global-administrator' as const] } };
    expect(
      applyRelationshipEvent(withGlobal, { type: 'enable-auto-extend' }, { actor: 'partner', now: NOW }),
    ).toMatchObject({
      ok: false,
      error: { code: 'auto-extend-with-global-admin' },
    });
    expect(canAutoExtend(['global-administrator', 'helpdesk-administrator'])).toBe(false);
    expect(canAutoExtend(['helpdesk-administrator'])).toBe(true);
  });

  it('removing admin roles keeps the relationship (rule 8)', () => {
    const result = applyRelationshipEvent(
      relationship('active'),
      { type: 'remove-admin-roles' },
      { actor: 'customer', now: NOW, by: 'Carmen' },
    );
    expect(result).toMatchObject({
      ok: true,
      value: { status: 'active', adminAccess: { removedAt: NOW.toISOString(), removedBy: 'Carmen' } },
    });
  });

  it('removing roles twice says there is no admin access', () => {
    const first = applyRelationshipEvent(
      relationship('active'),
      { type: 'remove-admin-roles' },
      { actor: 'customer', now: NOW },
    );
    if (!first.ok) throw new Error('expected ok');
    expect(
      applyRelationshipEvent(first.value, { type: 'remove-admin-roles' }, { actor: 'customer', now: NOW }),
    ).toMatchObject({
      ok: false,
      error: { code: 'no-admin-access' },
    });
  });

  it('a delegated-admin-only relationship expires; a reseller one keeps going without admin access', () => {
    const adminOnly = relationship('active', -1, { types: ['delegated-admin'] });
    expect(applyRelationshipEvent(adminOnly, { type: 'expire' }, { actor: 'system', now: NOW })).toMatchObject({
      ok: true,
      value: { status: 'expired' },
    });
    const mixed = relationship('active', -1);
    expect(applyRelationshipEvent(mixed, { type: 'expire' }, { actor: 'system', now: NOW })).toMatchObject({
      ok: true,
      value: { status: 'active', adminAccess: { removedBy: 'expiry' } },
    });
  });

  it.each<[RelationshipEvent['type'], Relationship, string]>([
    ['expire', relationship('active', 3), 'not-due'],
    ['mark-expiring', relationship('active', 60), 'not-due'],
    ['auto-extend', relationship('active', 5), 'not-due'],
  ])('%s before it is due is refused', (type, rel, code) => {
    expect(applyRelationshipEvent(rel, { type } as RelationshipEvent, { actor: 'system', now: NOW })).toMatchObject({
      ok: false,
      error: { code },
    });
  });

  it('only the right side may act', () => {
    expect(
      applyRelationshipEvent(relationship('active'), { type: 'remove-admin-roles' }, { actor: 'system', now: NOW }),
    ).toMatchObject({
      ok: false,
      error: { code: 'actor-not-allowed', allowedActors: ['customer', 'partner'] },
    });
    expect(
      applyRelationshipEvent(relationship('active'), { type: 'request-termination' }, { actor: 'customer', now: NOW }),
    ).toMatchObject({
      ok: false,
      error: { code: 'actor-not-allowed' },
    });
  });
});
