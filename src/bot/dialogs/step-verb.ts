import type { z } from 'zod';
import type { CommandId } from '../commands.js';
import type { Permission } from '../permissions.js';

/**
 * A button of a card that a dialog step sent and waits for. The dispatcher checks its permission and target and
 * parses its data like any verb's; then the step it belongs to continues (src/bot/dialogs/workflow-stack.ts).
 */
export interface StepVerb<S extends z.ZodType = z.ZodType> {
  kind: 'step';
  verb: string;
  permission: Permission;
  data: S;
  /** The command that starts the workflow again, quoted when a card of an ended step is submitted. */
  workflow: CommandId;
}

export function stepVerb<S extends z.ZodType>(definition: Omit<StepVerb<S>, 'kind'>): StepVerb<S> {
  return { kind: 'step', ...definition };
}

/** What a waiting step receives when its card is submitted: which button, and its data as the schema parsed it. */
export interface Submission<S extends z.ZodType = z.ZodType> {
  verb: string;
  data: z.infer<S>;
}

export function isSubmitOf<S extends z.ZodType>(
  submission: Submission,
  verb: StepVerb<S>,
): submission is Submission<S> {
  return submission.verb === verb.verb;
}
