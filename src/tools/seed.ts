import { existsSync } from 'node:fs';
import { describeRoles } from '../cards/people.js';
import { translator } from '../i18n/i18n.js';
import type { User } from '../domain/model.js';
import { DEMO_PERSONAS, demoWorld } from '../store/demo-world.js';
import { deleteStore, openLowdbStore } from '../store/lowdb-store.js';

/** `npm run seed -- [--reset] [--file path]`: creates the data file with the demo world. */
async function main(args: string[]): Promise<void> {
  const fileFlag = args.indexOf('--file');
  const file = (fileFlag >= 0 ? args[fileFlag + 1] : undefined) ?? process.env.STORE_FILE ?? './data/partner-desk.json';
  const reset = args.includes('--reset');
  if (existsSync(file) && !reset) {
    console.log(`${file} exists; nothing changed. Use --reset to recreate it with the demo world.`);
    return;
  }
  if (reset) await deleteStore(file);
  const world = demoWorld(new Date());
  const store = await openLowdbStore({ file, seed: world });
  await store.close();
  console.log(`Created ${file} with the demo world.\n`);
  const users = (world.users ?? []) as User[];
  const orgs = world.organizations ?? [];
  const tr = translator('en');
  console.table(
    DEMO_PERSONAS.map((p) => {
      const user = users.find((u) => u.id === p.userId)!;
      return {
        persona: p.key,
        name: user.name,
        organisation: orgs.find((o) => o.tenantId === user.tenantId)?.name,
        roles: describeRoles({ ...user, version: 1 }, tr),
      };
    }),
  );
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
