import { personaTable } from '../../src/local/persona-table.js';
import { freePort } from '../../src/local/free-port.js';
import { createServer } from 'node:net';

describe('the persona table npm start prints', () => {
  it('aligns every column, accented names included, without box drawing', () => {
    const table = personaTable([
      { persona: 'Partner admin agent (Adatum)', person: 'Alex Wilber', url: 'http://127.0.0.1:56150' },
      { persona: 'Customer global admin (Tailspin, Spain)', person: 'Lucía Martín', url: 'http://127.0.0.1:56159' },
      { persona: 'Spanish (decomposed accents)', person: 'Lucía Martín'.normalize('NFD'), url: 'http://127.0.0.1:1' },
    ]);
    const lines = table.split('\n');
    expect(lines).toHaveLength(5);
    const urlAt = lines.map((line) => line.indexOf('http'));
    expect(new Set(urlAt.slice(2)).size).toBe(1);
    expect(lines[0]!.indexOf('url')).toBe(urlAt[2]);
    expect(table).not.toMatch(/[┌┬┐│├┼┤└┴┘─]/);
  });
});

describe('a playground port another program holds', () => {
  it('moves to the next free port instead of failing', async () => {
    const held = createServer();
    const port = await new Promise<number>((resolve) =>
      held.listen(0, '127.0.0.1', () => resolve((held.address() as { port: number }).port)),
    );
    try {
      const chosen = await freePort(port);
      expect(chosen).toBeGreaterThan(port);
      expect(await freePort(port, new Set([chosen]))).not.toBe(chosen);
    } finally {
      await new Promise((resolve) => held.close(resolve));
    }
  });
});
