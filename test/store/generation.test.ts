import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeGeneration, type GenerationRecord } from '../../src/store/generation.js';

describe('writeGeneration (a compaction writes the live records into the next log)', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'partner-desk-generation-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const records = (count: number, chars: number): GenerationRecord[] =>
    Array.from({ length: count }, (_, n) => ({
      collection: 'downloads',
      id: `d-${n}`,
      version: 1,
      json: JSON.stringify({ id: `d-${n}`, version: 1, body: 'x'.repeat(chars) }),
    }));

  it('ends a line at about a megabyte of records: 500 CSV downloads are not checksummed and joined in one go', async () => {
    const located: { id: string; offset: number; length: number }[] = [];
    const written = records(30, 100_000);
    const log = await writeGeneration(join(dir, 'store.json.2.log'), 2, written, (record, at) =>
      located.push({ id: record.id, offset: at.offset, length: at.length }),
    );
    await log.close();
    const text = readFileSync(join(dir, 'store.json.2.log'), 'utf8');
    const lines = text.trimEnd().split('\n').slice(1);
    expect(lines.length).toBeGreaterThanOrEqual(3);
    for (const line of lines) expect(line.length).toBeLessThan(1024 * 1024 + 110_000);
    // Every record is where it was said to be, whole.
    const bytes = readFileSync(join(dir, 'store.json.2.log'));
    expect(located.map((at) => bytes.subarray(at.offset, at.offset + at.length).toString('utf8'))).toEqual(
      written.map((record) => record.json),
    );
  });
});
