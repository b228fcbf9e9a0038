import type { DialogInstance } from 'botbuilder-dialogs';
import type { CommandId } from '../commands.js';
import type { CardPromptState } from './card-prompt.js';

/** What a workflow dialog writes into its own instance state when it begins. */
export interface WorkflowMark {
  /** Locale key of the workflow's name ("Request a relationship"). */
  title: string;
  command: CommandId;
  startedAt: string;
  /** A list or lookup (WorkflowDefinition.readOnly). */
  readOnly?: boolean;
}

export const WORKFLOW_MARK = 'partnerDeskWorkflow';
/** Where a waterfall step notes what it saved, in the step's own values. */
export const SAVED_NOTES = 'savedNotes';

/** The open workflow and the card step it waits on, read from a conversation's dialog stack. */
export interface OpenWorkflow {
  /** The workflow the person started; what `where am I`, cancel and leaving name. */
  workflow: WorkflowMark;
  /** The innermost workflow, when the one started began others (request → sending the invitation). */
  current: WorkflowMark;
  /** The card the person is expected to fill in, when the workflow waits for one. */
  prompt?: CardPromptState;
  /** What steps of every open workflow already saved (already translated when they were saved). */
  saved: string[];
}

type State = Record<string, unknown> & {
  dialogs?: { dialogStack?: DialogInstance[] };
  values?: Record<string, unknown>;
};

/**
 * Walks a stack from the bottom: a ComponentDialog keeps its inner stack under `dialogs`, a waterfall its values
 * under `values`. The first workflow mark is the one the person started; the last card step found is where
 * they are.
 */
export function openWorkflow(stack: DialogInstance[]): OpenWorkflow | undefined {
  let found: OpenWorkflow | undefined;
  const saved: string[] = [];
  const visit = (instances: DialogInstance[]) => {
    for (const instance of instances) {
      const state = (instance.state ?? {}) as State;
      const mark = state[WORKFLOW_MARK] as WorkflowMark | undefined;
      if (mark) found = { workflow: found?.workflow ?? mark, current: mark, saved, prompt: found?.prompt };
      if (typeof state.ticket === 'string' && found) found.prompt = state as unknown as CardPromptState;
      const notes = state.values?.[SAVED_NOTES];
      if (Array.isArray(notes)) saved.push(...notes.map(String));
      if (state.dialogs?.dialogStack) visit(state.dialogs.dialogStack);
    }
  };
  visit(stack);
  return found;
}

/**
 * The card step each workflow of the conversation's stack waits at, by its place on the stack: a workflow begun
 * on top of another (a lookup beside a request) leaves the one beneath waiting at its own step.
 */
export function waitingSteps(stack: DialogInstance[]): { depth: number; prompt: CardPromptState }[] {
  return stack.flatMap((instance, depth) => {
    const prompt = openWorkflow([instance])?.prompt;
    return prompt ? [{ depth, prompt }] : [];
  });
}
