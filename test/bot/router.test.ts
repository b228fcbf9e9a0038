import { COMMANDS, type CommandId } from '../../src/bot/commands.js';
import { normalise, routeCommand } from '../../src/bot/router.js';

const ALL = new Set<CommandId>(COMMANDS.map((c) => c.id));

describe('routeCommand', () => {
  it.each([
    ['help', 'help', ''],
    ['Ayuda', 'help', ''],
    ['  WHOAMI ', 'whoami', ''],
    ['¿Quién soy?', 'whoami', ''],
    ['status contoso', 'status', 'contoso'],
    ['estado Contoso Ltd', 'status', 'Contoso Ltd'],
    ['accept mca', 'accept-mca', ''],
    ['accept ABCD-EFGH', 'accept-invitation', 'ABCD-EFGH'],
    ['<at>Partner Desk</at> help', 'help', ''],
    ['cancelar', 'cancel', ''],
    ['language es', 'language', 'es'],
    ['idioma', 'language', ''],
    ['can we reset a password for contoso', 'can-we', 'reset a password for contoso'],
  ])('%s → %s', (text, id, args) => {
    expect(routeCommand(text, ALL)).toEqual({ id, args });
  });

  it.each(['hello', 'statuses', '', 'helpme'])('%s is no command', (text) => {
    expect(routeCommand(text, ALL)).toBeUndefined();
  });

  it('ignores commands that are not enabled', () => {
    expect(routeCommand('status contoso', new Set<CommandId>(['help']))).toBeUndefined();
  });

  it('normalises accents, case and punctuation', () => {
    expect(normalise('¡Ayúdame, POR favor!')).toBe('ayudame, por favor');
  });
});
