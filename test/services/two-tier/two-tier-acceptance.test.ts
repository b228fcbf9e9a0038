import { AcceptanceService } from '../../../src/services/invitations/acceptance.js';
import { InvitationService } from '../../../src/services/invitations/invitations.js';
import { DEMO_TENANTS, demoWorld } from '../../../src/store/demo-world.js';
import type { Store, Transaction } from '../../../src/store/store.js';
import { NOW, tempStore } from '../../support/world.js';
import { persona } from '../../support/personas.js';

/** A store whose transactions fail on the n-th relationship insert, as a disk or a constraint might. */
function failingOnRelationship(store: Store, failAt: number): Store {
  return {
    ...store,
    get: store.get.bind(store),
    findBy: store.findBy.bind(store),
    all: store.all.bind(store),
    ping: store.ping.bind(store),
    close: store.close.bind(store),
    transaction: (work) =>
      store.transaction((tx) => {
        let inserts = 0;
        const failing: Transaction = Object.create(tx) as Transaction;
        failing.insert = (collection, record) => {
          if (collection === 'relationships' && ++inserts === failAt) throw new Error('disk full');
          return tx.insert(collection, record);
        };
        return work(failing);
      }),
  };
}

describe('two-tier acceptance is all or nothing', () => {
  it('when the second relationship cannot be written, nothing of the acceptance is saved', async () => {
    const world = demoWorld(NOW);
    // Woodgrove has authorised Proseware as its indirect provider.
    world.relationships = [
      ...(world.relationships ?? []),
      {
        id: 'rel-proseware-woodgrove',
        partnerTenantId: DEMO_TENANTS.proseware,
        customerTenantId: DEMO_TENANTS.woodgrove,
        types: ['indirect-provider'],
        adminAccess: null,
        status: 'active',
        createdAt: NOW.toISOString(),
        updatedAt: NOW.toISOString(),
      },
    ];
    const { store, dispose } = await tempStore(world);
    try {
      const rita = persona('rita');
      const carmen = persona('carmen');
      const woodgrove = (await store.get('organizations', DEMO_TENANTS.woodgrove))!;
      const contoso = (await store.get('organizations', DEMO_TENANTS.contoso))!;
      const [ritaUser] = await store.findBy('users', 'email', rita.email);
      const [carmenUser] = await store.findBy('users', 'email', carmen.email);
      const invitations = new InvitationService(store, () => NOW, {
        fourEyes: false,
        singleDelegatedAdminPartner: false,
      });
      const issued = await invitations.request(
        { user: ritaUser!, org: woodgrove },
        {
          kind: 'two-tier',
          providerTenantId: DEMO_TENANTS.proseware,
          customer: { tenantId: contoso.tenantId },
          relationshipTypes: ['reseller'],
          adminAccess: null,
        },
      );
      if (!issued.ok) throw new Error(JSON.stringify(issued.refusal));
      await invitations.markSent({ user: ritaUser!, org: woodgrove }, issued.value.invitation.id, {
        subject: 's',
        body: 'b',
      });

      const failing = new AcceptanceService(failingOnRelationship(store, 2), () => NOW, {
        singleDelegatedAdminPartner: false,
      });
      await expect(
        failing.accept({ user: carmenUser!, org: contoso }, issued.value.invitation.id, { acknowledged: true }),
      ).rejects.toThrow('disk full');
      const before = await store.findBy('relationships', 'customer', contoso.tenantId);
      expect(before.map((r) => r.partnerTenantId)).toEqual([DEMO_TENANTS.litware]);
      expect((await store.get('invitations', issued.value.invitation.id))?.status).toBe('approval-pending');
      expect((await store.get('organizations', contoso.tenantId))?.mcaAcceptanceId).toBeUndefined();

      const working = new AcceptanceService(store, () => NOW, { singleDelegatedAdminPartner: false });
      const accepted = await working.accept({ user: carmenUser!, org: contoso }, issued.value.invitation.id, {
        acknowledged: true,
      });
      expect(accepted.ok).toBe(true);
      const after = await store.findBy('relationships', 'customer', contoso.tenantId);
      expect(after.map((r) => r.partnerTenantId).sort()).toEqual(
        [DEMO_TENANTS.litware, DEMO_TENANTS.proseware, DEMO_TENANTS.woodgrove].sort(),
      );
    } finally {
      await dispose();
    }
  });
});
