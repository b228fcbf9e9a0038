import { describeAction } from '../../src/cards/audit-words.js';
import type { AuditEvent } from '../../src/domain/model.js';
import { LANGUAGES, t, translator } from '../../src/i18n/i18n.js';

const event = (action: string): AuditEvent => ({
  id: 'e1',
  version: 1,
  at: '2026-12-01T10:00:00.000Z',
  actor: null,
  action,
  target: { type: 'relationship', id: 'r1' },
  tenantIds: [],
});

describe('audit actions in words', () => {
  it.each(LANGUAGES)('%s: an action without words yet reads as a sentence, never as its code', (language) => {
    const text = describeAction(event('relationship.something-new'), translator(language));
    expect(text).toBe(t(language, 'audit.unknown'));
    expect(text).not.toContain('something-new');
  });

  it.each(['organization.claimed', 'organization.claim-undone', 'relationship.reminder-7d'])(
    '%s has words of its own in both languages',
    (action) => {
      for (const language of LANGUAGES) {
        expect(describeAction(event(action), translator(language))).not.toBe(t(language, 'audit.unknown'));
      }
    },
  );
});
