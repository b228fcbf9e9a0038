import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { runAdmin, UsageError } from '../../src/tools/admin.js';
import { demoWorld, DEMO_TENANTS } from '../../src/store/demo-world.js';
import type { Store } from '../../src/store/store.js';
import { NOW, tempStore } from '../support/world.js';
import { persona } from '../support/personas.js';

describe('npm run admin -- import-groups', () => {
  let store: Store;
  let dispose: () => Promise<void>;
  const written: string[] = [];
  beforeEach(async () => ({ store, dispose } = await tempStore(demoWorld(NOW))));
  afterEach(async () => {
    await dispose();
    await Promise.all(written.splice(0).map((path) => rm(path, { force: true })));
  });

  async function file(content: unknown): Promise<string> {
    const path = join(tmpdir(), `groups-${process.pid}-${Math.random().toString(36).slice(2)}.json`);
    written.push(path);
    await writeFile(path, JSON.stringify(content));
    return path;
  }
  const run = async (content: unknown) =>
    runAdmin(['import-groups', '--tenant', DEMO_TENANTS.adatum, '--file', await file(content)], store, () => NOW);

  it('creates new groups and updates those of the same name, members by email; each change is audited', async () => {
    const out = await run([
      { name: 'adatum helpdesk', description: 'Tier 1', members: ['hana.helpdesk@adatum.com', 'SAM.SALES@adatum.com'] },
      { name: 'Escalations', members: ['alex.wilber@adatum.com'] },
    ]);
    expect(out).toBe(`Security groups of ${DEMO_TENANTS.adatum}: 1 created, 1 updated.`);
    const groups = await store.findBy('securityGroups', 'partner', DEMO_TENANTS.adatum);
    expect(groups.map((g) => g.name).sort()).toEqual(['Escalations', 'adatum helpdesk']);
    const helpdesk = groups.find((g) => g.id === 'group-adatum-helpdesk')!;
    expect(helpdesk.memberUserIds.sort()).toEqual([persona('hana').id, persona('sam').id].sort());
    const events = await store.findBy('auditEvents', 'tenant', DEMO_TENANTS.adatum);
    expect(
      events
        .filter((e) => e.action.startsWith('security-group.'))
        .map((e) => e.action)
        .sort(),
    ).toEqual(['security-group.created', 'security-group.updated']);
  });

  it.each([
    ['a member of another organisation', [{ name: 'X', members: ['carmen@contoso.com'] }], 'not users of Adatum'],
    ['a file that is not a list of groups', { name: 'X' }, 'expected ['],
  ])('refuses %s and imports nothing', async (_w, content, expected) => {
    const before = await store.findBy('securityGroups', 'partner', DEMO_TENANTS.adatum);
    await expect(run(content)).rejects.toThrow(UsageError);
    await expect(run(content)).rejects.toThrow(expected);
    expect(await store.findBy('securityGroups', 'partner', DEMO_TENANTS.adatum)).toEqual(before);
  });

  it('refuses a customer tenant', async () => {
    await expect(
      runAdmin(['import-groups', '--tenant', DEMO_TENANTS.contoso, '--file', await file([])], store, () => NOW),
    ).rejects.toThrow('is not a registered partner');
  });
});
