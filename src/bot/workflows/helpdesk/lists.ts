import { WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import { z } from 'zod';
import { LIST_PAGE_VERBS, listCard } from '../../../cards/helpdesk-cards.js';
import { noticeCard } from '../../../cards/notice-card.js';
import { describeRefusal } from '../../../cards/refusal.js';
import { RelationshipStatus } from '../../../domain/model.js';
import { translator } from '../../../i18n/i18n.js';
import { LIST_KINDS, RelationshipLists, type ListKind } from '../../../services/relationships/relationship-lists.js';
import { foldText } from '../../../services/relationships/status.js';
import type { CommandRegistration } from '../../command-handler.js';
import { readOnlyCommand } from './read-only-command.js';
import type { CommandId } from '../../commands.js';
import { showCard } from '../../dialogs/card-reply.js';
import { stepVerb, type StepVerb } from '../../dialogs/step-verb.js';
import { WorkflowDialog } from '../../dialogs/workflow-dialog.js';
import { VIEW_RELATIONSHIPS } from '../../permissions.js';
import { sessionOf } from '../../session.js';
import type { WorkflowDeps } from '../../workflow-module.js';

/** "relationships active" or "relaciones vencida": a state in either language, by its label or its id. */
export function parseState(text: string): string {
  const wanted = foldText(text);
  if (!wanted) return '';
  for (const state of RelationshipStatus.options) {
    const names = [
      state,
      ...['en', 'es'].map((l) => foldText(translator(l as 'en' | 'es').t(`relationshipStatus.${state}`))),
    ];
    if (names.some((n) => n === wanted || n.replace(/a$/, 'o') === wanted.replace(/a$/, 'o'))) return state;
  }
  return text.trim();
}

/** The dialog of each list, and the command that opens it. */
export const LIST_DIALOGS: Record<ListKind, string> = {
  pending: 'list-pending',
  expiring: 'list-expiring',
  'no-mca': 'list-no-mca',
  'by-state': 'list-relationships',
};
const LIST_COMMANDS: Record<ListKind, CommandId> = {
  pending: 'pending',
  expiring: 'expiring',
  'no-mca': 'no-mca',
  'by-state': 'relationships',
};

const PageData = z.object({ page: z.coerce.number().int().min(1).max(10_000).default(1) });
const PAGES = Object.fromEntries(
  LIST_KINDS.map((kind) => [
    kind,
    stepVerb({
      verb: LIST_PAGE_VERBS[kind],
      permission: VIEW_RELATIONSHIPS,
      data: PageData,
      workflow: LIST_COMMANDS[kind],
    }),
  ]),
) as Record<ListKind, StepVerb<typeof PageData>>;

interface ListValues {
  page: number;
  /** The state filter of "relationships <state>", read once from what was typed. */
  state: string;
}

/**
 * One list (pending invitations, expiring access, customers without the MCA, relationships by state), a page
 * at a time: the page is a card step whose Previous/Next ask again with that page. A list that fits on one page
 * has nothing to wait for and ends at once.
 */
export class ListDialog extends WorkflowDialog {
  constructor(
    deps: WorkflowDeps,
    private readonly kind: ListKind,
    private readonly lists: RelationshipLists,
  ) {
    super(
      {
        id: LIST_DIALOGS[kind],
        title: `workflow.list.${kind}.title`,
        command: LIST_COMMANDS[kind],
        verbs: [PAGES[kind]],
        readOnly: true,
      },
      deps.available,
    );
    const steps = [this.page.bind(this), this.paged.bind(this)];
    this.addDialog(new WaterfallDialog(`${LIST_DIALOGS[kind]}.steps`, steps));
    this.initialDialogId = `${LIST_DIALOGS[kind]}.steps`;
  }

  private async page(step: WaterfallStepContext) {
    const session = sessionOf(step.context);
    const { tr } = session;
    const values = this.values<ListValues>(step);
    const args = (step.options as { args?: string } | undefined)?.args ?? '';
    values.page ??= 1;
    values.state ??= this.kind === 'by-state' ? parseState(args) : '';
    const rows = await this.lists.list(session, this.kind, values.page, values.state || undefined);
    if (!rows.ok) {
      const title = tr.t(`list.${this.kind}.title`, { state: '' });
      await showCard(step.context, noticeCard(title, describeRefusal(rows.refusal, tr), 'attention'));
      return step.endDialog();
    }
    const card = listCard({ rows: rows.value }, tr);
    if (rows.value.page.pages <= 1) {
      await showCard(step.context, card);
      return step.endDialog();
    }
    return this.askCard(step, card, [PAGES[this.kind]], 'workflow.list.step.page');
  }

  private async paged(step: WaterfallStepContext) {
    const { data } = this.submission(step) as { data: z.infer<typeof PageData> };
    this.values<ListValues>(step).page = data.page;
    return this.again(step);
  }
}

/** Pending invitations, expiring access, customers without the MCA, relationships by state. */
export function listsFeature(deps: WorkflowDeps) {
  const lists = new RelationshipLists(deps.store, deps.clock);
  const commands: CommandRegistration[] = LIST_KINDS.map((kind) =>
    readOnlyCommand(LIST_COMMANDS[kind], VIEW_RELATIONSHIPS, LIST_DIALOGS[kind]),
  );
  return {
    commands,
    cardActions: LIST_KINDS.map((kind) => PAGES[kind]),
    dialogs: LIST_KINDS.map((kind) => new ListDialog(deps, kind, lists)),
  };
}
