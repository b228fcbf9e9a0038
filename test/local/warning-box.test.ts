import { warningBox } from '../../src/local/warning-box.js';

describe('the local-mode warning box', () => {
  it('puts every right edge in one column', () => {
    const box = warningBox(['LOCAL MODE: NO TOKEN IS CHECKED.', 'a longer line than the first one, by far', 'short']);
    const lines = box.split('\n').filter(Boolean);
    expect(new Set(lines.map((line) => line.length)).size).toBe(1);
    for (const line of lines) expect(line.trimEnd().endsWith('#')).toBe(true);
  });
});
