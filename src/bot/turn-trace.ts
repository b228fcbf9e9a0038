import { SpanStatusCode } from '@opentelemetry/api';
import type { TurnContext } from 'botbuilder';
import {
  ATTR,
  histogram,
  METRIC_TURN_DURATION,
  SPAN_TURN,
  tracer,
  type TurnOutcome,
} from '../telemetry/instruments.js';

const TURN_NOTE = Symbol('partnerDeskTurnNote');

/** What the bot learnt about a turn while answering it: only ids from its own tables, never text. */
interface TurnNote {
  command?: string;
  verb?: string;
  refused?: boolean;
}

/** Records the command or card verb a turn runs, or that it was refused; read when the turn's span ends. */
export function noteTurn(context: TurnContext, note: TurnNote): void {
  const current = (context.turnState.get(TURN_NOTE) as TurnNote | undefined) ?? {};
  context.turnState.set(TURN_NOTE, { ...current, ...note });
}

/**
 * Runs one turn inside its span and records its latency: activity type, command or verb, outcome
 * (answered, refused, failed) and duration. A failure is rethrown for the adapter's error handler.
 */
export async function traceTurn(context: TurnContext, run: () => Promise<void>): Promise<void> {
  const { activity } = context;
  const span = tracer().startSpan(SPAN_TURN, {
    attributes: {
      [ATTR.activityType]: activity.type,
      ...(activity.name ? { [ATTR.activityName]: activity.name } : {}),
      [ATTR.conversationType]:
        activity.conversation?.conversationType ?? (activity.conversation?.isGroup ? 'group' : 'personal'),
    },
  });
  const started = performance.now();
  let outcome: TurnOutcome = 'answered';
  let errorType: string | undefined;
  try {
    await run();
  } catch (error) {
    outcome = 'failed';
    errorType = rootErrorClass(error);
    throw error;
  } finally {
    const note = (context.turnState.get(TURN_NOTE) as TurnNote | undefined) ?? {};
    if (outcome === 'answered' && note.refused) outcome = 'refused';
    const durationMs = performance.now() - started;
    const attributes = {
      [ATTR.activityType]: activity.type,
      [ATTR.outcome]: outcome,
      ...(note.command ? { [ATTR.command]: note.command } : {}),
      ...(note.verb ? { [ATTR.verb]: note.verb } : {}),
    };
    span.setAttributes({ ...attributes, [ATTR.durationMs]: Math.round(durationMs) });
    if (errorType) {
      span.setAttribute(ATTR.errorType, errorType);
      span.setStatus({ code: SpanStatusCode.ERROR });
    }
    span.end();
    histogram(METRIC_TURN_DURATION, 'Time to answer one activity').record(durationMs, attributes);
  }
}

/**
 * The class of the error a library wrapped (DialogContextError keeps it in `error`; its own `cause` is a
 * lower-level detail); never a message, which can quote what was typed.
 */
function rootErrorClass(error: unknown): string {
  let e = error;
  for (let depth = 0; depth < 10; depth++) {
    const inner = (e as { error?: unknown } | undefined)?.error;
    if (!(inner instanceof Error)) break;
    e = inner;
  }
  return e instanceof Error ? e.name : typeof e;
}
