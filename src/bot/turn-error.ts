import { randomUUID } from 'node:crypto';
import type { TurnContext } from 'botbuilder';
import { noticeCard } from '../cards/notice-card.js';
import type { Language } from '../domain/model.js';
import { languageOf, t } from '../i18n/i18n.js';
import { describeError, type Logger } from '../logging/logger.js';
import { StorageUnavailableError } from '../store/store.js';
import { turnLog } from './turn-log.js';

/** The StorageUnavailableError behind `error`, however deep a library wrapped it (DialogContextError keeps it in `error`). */
function storageFailureIn(error: unknown): StorageUnavailableError | undefined {
  const inner = (e: unknown) => (e as { cause?: unknown }).cause ?? (e as { error?: unknown }).error;
  for (let e = error, depth = 0; e && depth < 10; e = inner(e), depth++) {
    if (e instanceof StorageUnavailableError) return e;
  }
  return undefined;
}

/**
 * What a person sees when their turn failed: a full disk is said as such (nothing they can fix by
 * retrying at once), anything else gets an apology with a reference to find the log line.
 */
export function turnErrorHandler(defaultLanguage: Language, logger: Logger) {
  return async (context: TurnContext, error: unknown): Promise<void> => {
    const ref = randomUUID().slice(0, 8);
    const log = turnLog(context, logger);
    const language = languageOf(context.activity.locale, defaultLanguage);
    const storage = storageFailureIn(error);
    if (storage)
      log.warn('turn refused: storage unavailable', {
        ref,
        activityType: context.activity.type,
        code: storage.code,
      });
    else log.error('turn failed', { ref, activityType: context.activity.type, error: describeError(error) });
    const text = storage ? t(language, 'error.storageUnavailable') : t(language, 'error.turn', { ref });
    const answer =
      context.activity.type === 'message'
        ? context.sendActivity(text)
        : context.activity.type === 'invoke' && context.activity.name === 'adaptiveCard/action' && storage
          ? // An Action.Execute is answered by its invoke response: the card that replaces the clicked one.
            context.sendActivity({
              type: 'invokeResponse',
              value: {
                status: 200,
                body: {
                  statusCode: 200,
                  type: 'application/vnd.microsoft.card.adaptive',
                  value: noticeCard(t(language, 'error.storageUnavailable.title'), text, 'warning').content,
                },
              },
            })
          : undefined;
    await answer?.catch((sendError: unknown) => log.warn('apology not sent', { ref, error: describeError(sendError) }));
  };
}
