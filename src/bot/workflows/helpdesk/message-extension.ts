import type { MessagingExtensionAttachment, MessagingExtensionResponse } from 'botbuilder';
import { plural } from '../../../i18n/i18n.js';
import { escapeMarkdown } from '../../../cards/markdown.js';
import { describeRefusal } from '../../../cards/refusal.js';
import { statusCard } from '../../../cards/status-card.js';
import { RelationshipStatusService } from '../../../services/relationships/relationship-status.js';
import { findCounterpart } from '../../../services/relationships/status.js';
import type { Store } from '../../../store/store.js';
import type { MessageExtensionHandler } from '../../workflow-module.js';
import { VIEW_RELATIONSHIPS } from '../../permissions.js';

export const STATUS_SEARCH_COMMAND = 'status';
export const STATUS_SEARCH_PARAMETER = 'customer';

const message = (text: string): MessagingExtensionResponse => ({ composeExtension: { type: 'message', text } });

/**
 * The compose-box search: "status" with a customer name gives the status card to insert into any chat. One
 * result per matching organisation (several for an ambiguous name); no invitation link or token is ever in it.
 */
export function statusSearch(store: Store, clock: () => Date): MessageExtensionHandler {
  const statuses = new RelationshipStatusService(store);
  return {
    permission: { ...VIEW_RELATIONSHIPS, shared: true },
    handle: async (_context, session, query) => {
      const { tr } = session;
      if (query.commandId !== STATUS_SEARCH_COMMAND) return message(tr.t('search.unknownCommand'));
      const typed = query.parameters?.find((p) => p.name === STATUS_SEARCH_PARAMETER)?.value;
      const text = typeof typed === 'string' ? typed.trim() : '';
      if (!text) return message(tr.t('search.typeName'));
      const match = await findCounterpart(store, session, text);
      if (!match.ok) return message(describeRefusal(match.refusal, tr));
      const orgs = match.value.kind === 'one' ? [match.value.org] : match.value.candidates;
      const attachments: MessagingExtensionAttachment[] = [];
      for (const org of orgs) {
        const status = await statuses.status(session, org.primaryDomain);
        if (!status.ok || status.value.kind !== 'status') continue;
        const card = statusCard(status.value.status, session.org.name, tr, clock());
        const count = status.value.status.relationships.length;
        attachments.push({
          ...card,
          preview: {
            contentType: 'application/vnd.microsoft.card.thumbnail',
            // The preview is outside renderCard, so it is made plain text here.
            content: {
              title: escapeMarkdown(org.name),
              text: escapeMarkdown(
                tr.t('search.preview', {
                  domain: org.primaryDomain,
                  relationships: plural(tr, 'count.relationships', count),
                }),
              ),
            },
          },
        });
      }
      if (attachments.length === 0) return message(tr.t('refusal.status-not-found', { query: text }));
      return { composeExtension: { type: 'result', attachmentLayout: 'list', attachments } };
    },
  };
}
