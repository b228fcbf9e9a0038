import { Table } from '../../src/store/table.js';

const byTenant = { tenant: (r: { id: string; version: number }) => [(r as unknown as { tenant: string }).tenant] };

function tableOf(count: number): Table {
  const table = new Table(byTenant);
  for (let n = 0; n < count; n++) {
    table.put({ id: `r-${n}`, version: 1, tenant: `t-${n % 7}` } as never, { offset: n * 100, length: 90, version: 1 });
  }
  return table;
}

describe('Table.relocation (compaction moves every record to the next generation at once)', () => {
  it('moves each record to its new place only when applied, and keeps its length, version and index entries', () => {
    const table = tableOf(1_000);
    table.delete({ id: 'r-3', version: 1, tenant: 't-3' } as never);
    const relocation = table.relocation();
    for (const [id] of table.entries()) relocation.move(id, 1_000_000 + Number(id.slice(2)));
    expect(table.location('r-10')).toEqual({ offset: 1_000, length: 90, version: 1 });
    relocation.check();
    relocation.apply();
    expect(table.location('r-10')).toEqual({ offset: 1_000_010, length: 90, version: 1 });
    expect(table.location('r-999')).toEqual({ offset: 1_000_999, length: 90, version: 1 });
    expect(table.location('r-3')).toBeUndefined();
    expect([...table.candidates('tenant', 't-3')]).toContain('r-10');
  });

  it.each([
    [
      'a record was added meanwhile',
      (table: Table) =>
        table.put({ id: 'late', version: 1, tenant: 't-0' } as never, { offset: 5, length: 1, version: 1 }),
    ],
    [
      'a record was removed meanwhile',
      (table: Table) => table.delete({ id: 'r-1', version: 1, tenant: 't-1' } as never),
    ],
    [
      'a record was updated meanwhile',
      (table: Table) =>
        table.put({ id: 'r-1', version: 2, tenant: 't-1' } as never, { offset: 9, length: 1, version: 2 }, {
          id: 'r-1',
          version: 1,
          tenant: 't-1',
        } as never),
    ],
  ])('refuses to be applied when %s', (_what, write) => {
    const table = tableOf(300);
    const relocation = table.relocation();
    for (const [id] of table.entries()) relocation.move(id, 7);
    write(table);
    expect(() => relocation.check()).toThrow('The table changed while it was relocated');
  });

  it('refuses to be applied when a record was never moved', () => {
    const table = tableOf(10);
    const relocation = table.relocation();
    for (const [id] of table.entries()) if (id !== 'r-4') relocation.move(id, 7);
    expect(() => relocation.check()).toThrow('The table changed while it was relocated');
  });
});
