import { neutraliseCell, quoteCell, toCsv } from '../../../src/services/helpdesk/csv.js';

describe('CSV export', () => {
  it.each([
    ['=HYPERLINK("http://evil.example","x")', `'=HYPERLINK("http://evil.example","x")`],
    ['+1234', `'+1234`],
    ['-2+3', `'-2+3`],
    ['@SUM(A1)', `'@SUM(A1)`],
    ['\tcmd', `'\tcmd`],
    ['\rcmd', `'\rcmd`],
    ['Contoso Ltd', 'Contoso Ltd'],
    ['a=b', 'a=b'],
    ['', ''],
  ])('neutralises %j', (cell, expected) => {
    expect(neutraliseCell(cell)).toBe(expected);
  });

  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['cr\rhere', '"cr\rhere"'],
  ])('quotes %j as RFC 4180 asks', (cell, expected) => {
    expect(quoteCell(cell)).toBe(expected);
  });

  it('writes rows with CRLF, a formula cell neutralised and then quoted', () => {
    expect(
      toCsv([
        ['Date', 'What', 'Who'],
        ['2026-11-22T10:00:00.000Z', '=1+1', 'Doe, "Jane"'],
      ]),
    ).toBe('Date,What,Who\r\n2026-11-22T10:00:00.000Z,\'=1+1,"Doe, ""Jane"""\r\n');
  });
});
