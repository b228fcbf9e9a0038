// The bench's world must put its load where a real one would: the people Accept & Authorize notifies are the
// ones who open their chats before the load, or every notification waits for a chat and nothing is sent.
import { benchWorld } from '../../bench/world.js';
import { DEMO_TENANTS } from '../../src/store/demo-world.js';
import { INDEXES } from '../../src/store/store.js';

describe('bench world', () => {
  const world = benchWorld(50, 5);

  it("opens the chats of exactly the people told of answers to Adatum's invitations", () => {
    const told = world.seed
      .users!.filter((user) => INDEXES.users.partnerAdmins(user as never).includes(DEMO_TENANTS.adatum))
      .map((user) => user.aadObjectId)
      .sort();
    expect(told.length).toBeGreaterThan(0);
    expect(world.invitationWatchers.map((person) => person.aadObjectId).sort()).toEqual(told);
  });

  it("holds the invitations it offers for Accept & Authorize as Adatum's", () => {
    const pending = new Set(world.pendingAccepts.map((accept) => accept.invitationId));
    const invitations = world.seed.invitations!.filter((invitation) => pending.has(invitation.id));
    expect(invitations).toHaveLength(5);
    for (const invitation of invitations) expect(invitation.partnerTenantId).toBe(DEMO_TENANTS.adatum);
  });
});
