import type { TurnContext } from 'botbuilder';
import type { z } from 'zod';
import type { CardAttachment } from '../cards/render.js';
import type { Permission } from './permissions.js';
import type { Session } from './session.js';
import type { StepVerb } from './dialogs/step-verb.js';

/** One card verb: who may use it, the shape its data must have, and what it does for the acting user. */
export interface CardActionHandler<S extends z.ZodType = z.ZodType> {
  verb: string;
  /** Checked by the dispatcher before the data is parsed or the handler runs. */
  permission: Permission;
  data: S;
  /** Returns the card that replaces the one clicked. Rules about the organisations involved are checked here. */
  handle(context: TurnContext, session: Session, data: z.infer<S>): Promise<CardAttachment>;
}

export function cardAction<S extends z.ZodType>(handler: CardActionHandler<S>): CardActionHandler {
  return handler as unknown as CardActionHandler;
}

/**
 * A verb the dispatcher admits: a card action that answers on its own (a button on a notification, an item of a
 * list), or the button of a dialog step that continues the workflow waiting for it.
 */
export type CardVerb = CardActionHandler | StepVerb;

export function isStepVerb(verb: CardVerb): verb is StepVerb {
  return 'kind' in verb && verb.kind === 'step';
}

export class CardActions {
  private readonly handlers = new Map<string, CardVerb>();

  constructor(handlers: CardVerb[] = []) {
    for (const handler of handlers) this.add(handler);
  }

  add(handler: CardVerb): void {
    if (this.handlers.has(handler.verb)) throw new Error(`Verb ${handler.verb} registered twice`);
    this.handlers.set(handler.verb, handler);
  }

  get(verb: string): CardVerb | undefined {
    return this.handlers.get(verb);
  }

  /** Every registered verb, for the tests that enumerate them. */
  all(): CardVerb[] {
    return [...this.handlers.values()];
  }
}
