import { describeRefusal } from '../../src/cards/refusal.js';
import { translator } from '../../src/i18n/i18n.js';

describe('describeRefusal: a cloud refusal names the rule and both clouds', () => {
  it.each([
    [
      'en',
      'a partner works only with organisations in its own cloud',
      'Microsoft Cloud for US Government',
      'Microsoft public cloud',
    ],
    [
      'es',
      'un asociado solo trabaja con organizaciones de su propia nube',
      'Microsoft Cloud para la Administración Pública de EE. UU.',
      'Nube pública de Microsoft',
    ],
  ] as const)('in %s', (language, rule, partnerCloud, customerCloud) => {
    const text = describeRefusal(
      { code: 'cloud-mismatch', params: { partnerCloud: 'usgov', customerCloud: 'public' } },
      translator(language),
    );
    expect(text).toContain(rule);
    expect(text).toContain(partnerCloud);
    expect(text).toContain(customerCloud);
    expect(text).not.toMatch(/usgov|\{/);
  });
});
