import { readFileSync } from 'node:fs';
import { DEMO_PERSONAS, DEMO_USERS } from '../../src/store/demo-world.js';
import { translator } from '../../src/i18n/i18n.js';
import { useBotWorld } from '../support/bot-world.js';

const en = translator('en');

/** The README's persona table: persona key → the commands it says to try (in backticks). */
function readmeTries(): [string, string[]][] {
  const readme = readFileSync('README.md', 'utf8');
  const section = readme.slice(readme.indexOf('## Demo personas'), readme.indexOf('## Test'));
  return section
    .split('\n')
    .filter((line) => /^\| `[a-z-]+` +\|/.test(line))
    .map((line) => {
      const cells = line.split('|').map((c) => c.trim());
      const key = cells[1]!.replaceAll('`', '');
      const tries = [...cells[5]!.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);
      return [key, tries];
    });
}

describe('every README persona can do what the README says', () => {
  const chat = useBotWorld();
  const rows = readmeTries();

  it('lists every demo persona', () => {
    expect(rows.map(([key]) => key).sort()).toEqual(DEMO_PERSONAS.map((p) => p.key).sort());
  });

  it.each(rows.flatMap(([key, tries]) => tries.map((command) => [key, command] as const)))(
    '%s: %s',
    async (key, command) => {
      const userId = DEMO_PERSONAS.find((p) => p.key === key)!.userId;
      const user = DEMO_USERS.find((u) => u.id === userId)!;
      const text = await chat.harness({ tenantId: user.tenantId, aadObjectId: user.aadObjectId }).say(command);
      expect(text).not.toContain(en.t('permission.refused.title'));
      expect(text).not.toContain(en.t('unknownCommand', { text: command }));
      expect(text).not.toMatch(/Your roles do not let you|This needs the role/);
    },
  );
});
