import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TextWriter } from '../../src/store/text-writer.js';

describe('TextWriter', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'partner-desk-writer-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  // One piece holds 87,381 UTF-16 units: texts around and well past it, with a surrogate pair on every
  // possible split point, multi-byte letters and a lone surrogate (written as a replacement character).
  it.each([
    ['empty', ''],
    ['short', 'a line\n'],
    ['one piece exactly', 'x'.repeat(87_381)],
    ['a pair across the first split', `${'x'.repeat(87_380)}🚀${'y'.repeat(10)}`],
    ['pairs everywhere', '🚀'.repeat(200_000)],
    ['mixed', `${'Zürich – '.repeat(40_000)}${'日本'.repeat(50_000)}\ud800 end`],
  ])('writes %s text as the same UTF-8 bytes as Buffer.from, at the position given', async (_, text) => {
    const path = join(dir, 'out');
    const handle = await open(path, 'w+');
    const writer = new TextWriter();
    const head = await writer.write(handle, 'head\n', 0);
    const bytes = await writer.write(handle, text, head);
    await handle.close();
    const expected = Buffer.concat([Buffer.from('head\n'), Buffer.from(text)]);
    expect(bytes).toBe(Buffer.byteLength(text));
    expect(readFileSync(path).equals(expected)).toBe(true);
  });
});
