// The "which organisations does the acting one deal with" lookups on an instance that did not make the change.
import pg from 'pg';
import { counterpartCandidates } from '../../../src/services/directory/counterpart-index.js';
import { DEMO_TENANTS, demoWorld } from '../../../src/store/demo-world.js';
import { listenerName } from '../../../src/store/postgres/remote-changes.js';
import { loadRecords, openPostgresStore, type PostgresStore } from '../../../src/store/postgres/postgres-store.js';
import { sendInvitation } from '../../support/invitations.js';
import { freshDatabase } from '../../support/postgres.js';
import { NOW, org } from '../../support/world.js';

const LAMNA = 'c0a70500-0009-4e2f-8b1a-000000000009';
const CLINICS = 'c0a70500-0010-4e2f-8b1a-000000000010';

/** Polls state (never a fixed sleep) until `condition` holds. */
async function waitFor(what: string, condition: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`never happened: ${what}`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

describe('counterpart lookups on two instances (one PostgreSQL database)', () => {
  const open: PostgresStore[] = [];
  afterEach(async () => {
    for (const store of open.splice(0)) await store.close();
  });

  it('an invitation sent on one instance makes the customer findable by name on the other; one missed while its feed was cut is found after it is back', async () => {
    const url = await freshDatabase();
    const seed = demoWorld(NOW);
    seed.organizations = [
      ...(seed.organizations ?? []),
      org({ tenantId: LAMNA, name: 'Lamna Healthcare', primaryDomain: 'lamna.example' }),
      org({ tenantId: CLINICS, name: 'Lamna Clinics', primaryDomain: 'lamnaclinics.example' }),
    ];
    const here = await openPostgresStore({ url, seed });
    const there = await openPostgresStore({ url });
    open.push(here, there);
    const adatum = (await there.get('organizations', DEMO_TENANTS.adatum))!;
    const findsThere = async (name: string, tenantId: string) =>
      (await counterpartCandidates(there, adatum, name)).some((o) => o.tenantId === tenantId);

    // Built on the other instance before the invitation exists: Adatum deals with neither Lamna.
    expect(await findsThere('Lamna Healthcare', LAMNA)).toBe(false);
    const { id } = await sendInvitation(
      here,
      { kind: 'reseller', customer: { tenantId: LAMNA }, relationshipTypes: ['reseller'], adminAccess: null },
      NOW,
    );
    await waitFor('Lamna found on the other instance', () => findsThere('Lamna Healthcare', LAMNA));

    // An invitation written without telling anyone, as if announced while the other's feed was cut.
    const invitation = (await here.get('invitations', id))!;
    const { version: _version, ...unannounced } = {
      ...invitation,
      id: `${id}-clinics`,
      customerTenantId: CLINICS,
      customerDomain: 'lamnaclinics.example',
    };
    await loadRecords(here.pool, [{ collection: 'invitations', record: { ...unannounced, version: 1 } }]);
    expect(await findsThere('Lamna Clinics', CLINICS)).toBe(false);
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1', [
      listenerName(there.instance),
    ]);
    await admin.end();
    await waitFor('Lamna Clinics found once the index is rebuilt', () => findsThere('Lamna Clinics', CLINICS));
  });
});
