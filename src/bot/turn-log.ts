import type { TurnContext } from 'botbuilder';
import type { Logger } from '../logging/logger.js';
import { tenantOf } from './activity-gate.js';

const TURN_LOGGER = Symbol('partnerDeskTurnLogger');

/**
 * The turn's own logger: every line carries the activity id, tenant and conversation type, so one turn can
 * be followed through the log. Never the text typed, a card's data, codes or tokens.
 */
export function beginTurnLog(context: TurnContext, root: Logger): Logger {
  const activity = context.activity;
  const log = root.child({
    activityId: activity.id,
    tenantId: tenantOf(activity),
    conversationType:
      activity.conversation?.conversationType ?? (activity.conversation?.isGroup ? 'group' : 'personal'),
    activityType: activity.type,
  });
  context.turnState.set(TURN_LOGGER, log);
  return log;
}

/** The logger of the turn `context` belongs to, or `fallback` outside one (a proactive send). */
export function turnLog(context: TurnContext, fallback: Logger): Logger {
  return (context.turnState.get(TURN_LOGGER) as Logger | undefined) ?? fallback;
}
