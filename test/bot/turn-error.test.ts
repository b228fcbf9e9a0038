import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SET_LANGUAGE_VERB } from '../../src/cards/whoami-card.js';
import { MCA_VERB } from '../../src/bot/workflows/customer/customer-admin.js';
import { demoWorld } from '../../src/store/demo-world.js';
import { openLowdbStore } from '../../src/store/lowdb-store.js';
import { identityKey, type Store } from '../../src/store/store.js';
import { BotHarness } from '../support/bot-harness.js';
import { FailingDisk } from '../support/failing-disk.js';
import { NOW } from '../support/world.js';
import { persona } from '../support/personas.js';

const carmen = persona('carmen'); // Contoso global admin
const STORAGE_MESSAGE =
  'Partner Desk cannot save changes right now: its storage is unavailable. Nothing was changed; try again later.';

describe('a turn while the disk is full', () => {
  let dir: string;
  let store: Store;
  let disk: FailingDisk;
  let bot: BotHarness;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'partner-desk-full-disk-'));
    disk = new FailingDisk();
    store = await openLowdbStore({ file: join(dir, 'store.json'), seed: demoWorld(NOW), openFile: disk.openFile });
    bot = new BotHarness(store, carmen);
  });
  afterEach(async () => {
    bot.stop();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const carmenNow = async () =>
    (await store.findBy('users', 'identity', identityKey(carmen.tenantId, carmen.aadObjectId)))[0];

  it('reads still answer; a change says storage is unavailable and changes nothing; once space returns it works', async () => {
    disk.full = true;
    const whoami = await bot.say('whoami');
    expect(whoami).toContain(carmen.name);
    expect(whoami).not.toContain('storage');
    expect(disk.failures).toBeGreaterThan(0); // the conversation reference and the state were tried, and failed
    expect(await store.get('conversations', identityKey(carmen.tenantId, carmen.aadObjectId))).toBeUndefined();

    expect(await bot.say('language es')).toBe(STORAGE_MESSAGE);
    expect((await carmenNow())?.language).not.toBe('es');
    const agreementsBefore = (await store.all('agreements')).length;
    // The agreement's form is opened while the disk has room (its step is kept with the conversation).
    disk.full = false;
    await bot.say('accept mca');
    disk.full = true;
    const accepted = await bot.click(MCA_VERB, { confirmed: 'true' });
    expect(accepted.text).toContain(STORAGE_MESSAGE);
    expect(await store.all('agreements')).toHaveLength(agreementsBefore);

    const clicked = await bot.click(SET_LANGUAGE_VERB, { language: 'es' });
    expect(clicked.text).toContain(STORAGE_MESSAGE);
    expect((await carmenNow())?.language).not.toBe('es');
    expect(
      bot.log.lines.filter((l) => l.level === 'warn' && /storage unavailable/.test(l.message)).length,
    ).toBeGreaterThan(0);
    expect(bot.log.lines.filter((l) => l.level === 'error')).toEqual([]);

    disk.full = false;
    // The step that failed is still the one waiting: the same card works once space returns.
    const acceptedLater = await bot.click(MCA_VERB, { confirmed: 'true' });
    expect(acceptedLater.text).toContain('Carmen Navarro accepted the Microsoft Customer Agreement for Contoso Ltd');
    expect(await store.all('agreements')).toHaveLength(agreementsBefore + 1);
    const switched = await bot.click(SET_LANGUAGE_VERB, { language: 'es' });
    expect(switched.text).not.toContain(STORAGE_MESSAGE);
    expect((await carmenNow())?.language).toBe('es');
  });

  it('says the same in Spanish to a Spanish client', async () => {
    bot.stop();
    bot = new BotHarness(store, carmen, {}, 'es-ES');
    disk.full = true;
    expect(await bot.say('idioma en')).toContain('Partner Desk no puede guardar cambios ahora mismo');
    const clicked = await bot.click(SET_LANGUAGE_VERB, { language: 'en' });
    expect(clicked.text).toContain('Almacenamiento no disponible');
  });
});
