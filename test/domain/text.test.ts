import { foldText, plainName, plainText } from '../../src/domain/text.js';

describe('plainName: what is stored and shown as a name', () => {
  it.each([
    ['a bidi override that makes a name read backwards', 'Contoso \u202Egnp.exe', 'Contoso gnp.exe'],
    ['bidi embeddings and pop', '\u202AFab\u202Brikam\u202C', 'Fabrikam'],
    ['bidi isolates', '\u2066Ana\u2067 \u2068Lopez\u2069', 'Ana Lopez'],
    ['bidi marks (LRM, RLM, ALM)', 'Ana\u200E \u200FLopez\u061C', 'Ana Lopez'],
    ['zero-width space, non-joiner and joiner', 'Con\u200Bto\u200Cso\u200D Ltd', 'Contoso Ltd'],
    ['word joiner and byte-order mark', '\uFEFFAdatum\u2060 Cloud', 'Adatum Cloud'],
    ['C0 controls', 'Ada\u0000tum\u0007\u001B Cloud', 'Adatum Cloud'],
    ['C1 controls and DEL', 'Ada\u0085tum\u009B\u007F', 'Adatum'],
    ['line breaks and tabs between words', 'Carmen\n\tGlobal\r\nAdmin', 'Carmen Global Admin'],
    ['runs of spaces and outer blanks', '   Alex    Admin  ', 'Alex Admin'],
    ['accents and other scripts, kept', 'Compañía Ñandú 株式会社', 'Compañía Ñandú 株式会社'],
    ['nothing but invisible characters', '\u200B\u202E\u0000 \u2066', ''],
  ])('%s', (_case, input, expected) => {
    expect(plainName(input)).toBe(expected);
  });
});

describe('plainText: free text such as a lead description', () => {
  it.each([
    ['keeps its line breaks', 'First line\nsecond line', 'First line\nsecond line'],
    ['reads CRLF, CR and Unicode separators as line breaks', 'a\r\nb\rc\u2028d\u2029e', 'a\nb\nc\nd\ne'],
    ['loses bidi overrides and isolates', 'pay \u202Eeulb\u202C now \u2066x\u2069', 'pay eulb now x'],
    ['loses zero-width characters', 'ev\u200Bil\uFEFF.example', 'evil.example'],
    ['loses C0 and C1 controls', 'bell\u0007 escape\u001B[31m csi\u009B', 'bell escape[31m csi'],
    ['turns tabs into spaces', 'a\tb', 'a b'],
    [
      'keeps markdown characters (the cards escape them)',
      '**bold** [x](https://e.example)',
      '**bold** [x](https://e.example)',
    ],
  ])('%s', (_case, input, expected) => {
    expect(plainText(input)).toBe(expected);
  });
});

describe('foldText', () => {
  it.each([
    ['Compañía', 'compania'],
    ['  Contoso   LTD ', 'contoso ltd'],
    ['Con\u200Btoso\u202E', 'contoso'],
  ])('%s → %s', (input, expected) => {
    expect(foldText(input)).toBe(expected);
  });
});
