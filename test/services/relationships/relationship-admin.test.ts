import type { AdminRoleId } from '../../../src/domain/model.js';
import { RelationshipAdmin } from '../../../src/services/relationships/relationship-admin.js';
import type { Store } from '../../../src/store/store.js';
import { DEMO_TENANTS } from '../../../src/store/demo-world.js';
import { tempStore } from '../../support/world.js';
import { ADATUM_CONTOSO, adatumContoso, alex, partnerWorld } from '../../bot/workflows/partner/partner-world.js';

describe('RelationshipAdmin.planRoleChange', () => {
  let store: Store;
  let dispose: () => Promise<void>;
  let acting: Parameters<RelationshipAdmin['planRoleChange']>[0];

  beforeEach(async () => {
    ({ store, dispose } = await tempStore(
      partnerWorld({
        relationships: [
          adatumContoso(),
          { ...adatumContoso(), id: 'rel-reseller-only', types: ['reseller'], adminAccess: null },
        ],
      }),
    ));
    acting = {
      user: (await store.get('users', alex.id))!,
      org: (await store.get('organizations', DEMO_TENANTS.adatum))!,
    };
  });
  afterEach(() => dispose());

  // Held today: helpdesk-administrator, license-administrator.
  it.each<[AdminRoleId[], AdminRoleId[], AdminRoleId[], AdminRoleId[]]>([
    [
      ['helpdesk-administrator', 'user-administrator'],
      ['user-administrator'],
      ['helpdesk-administrator'],
      ['license-administrator'],
    ],
    [['global-reader'], ['global-reader'], [], ['helpdesk-administrator', 'license-administrator']],
    [['helpdesk-administrator'], [], ['helpdesk-administrator'], ['license-administrator']],
    [
      ['helpdesk-administrator', 'license-administrator', 'security-reader'],
      ['security-reader'],
      ['helpdesk-administrator', 'license-administrator'],
      [],
    ],
  ])('wanting %j adds %j, keeps %j and gives up %j', async (roles, added, kept, removed) => {
    const plan = await new RelationshipAdmin(store).planRoleChange(acting, ADATUM_CONTOSO, {
      roles,
      durationDays: 30,
      autoExtend: false,
    });
    expect(plan.ok && { added: plan.value.added, kept: plan.value.kept, removed: plan.value.removed }).toEqual({
      added,
      kept,
      removed,
    });
    expect(plan.ok && plan.value.request).toMatchObject({
      replacesRelationshipId: ADATUM_CONTOSO,
      adminAccess: { roles, durationDays: 30 },
    });
  });

  it('a relationship without admin access gets delegated-admin added to its types', async () => {
    const plan = await new RelationshipAdmin(store).planRoleChange(acting, 'rel-reseller-only', {
      roles: ['global-reader'],
      durationDays: 30,
      autoExtend: false,
    });
    expect(plan.ok && plan.value.request.relationshipTypes).toEqual(['reseller', 'delegated-admin']);
    expect(plan.ok && plan.value.added).toEqual(['global-reader']);
  });
});
