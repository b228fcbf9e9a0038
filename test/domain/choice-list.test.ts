import { choicesOf } from '../../src/domain/choice-list.js';

describe('the values of a multi-select choice set', () => {
  it.each([
    ['', []],
    ['helpdesk-administrator', ['helpdesk-administrator']],
    ['a,b,c', ['a', 'b', 'c']],
    [' a , b ,, ,c ', ['a', 'b', 'c']],
    [',', []],
  ])('%j → %j', (value, values) => {
    expect(choicesOf(value)).toEqual(values);
  });
});
