import { renderCard, type CardAttachment } from './render.js';
import type { CardAction, Fact, NoticeCard } from './templates.js';

/** A request waiting for a second person's decision, as Teams Approvals shows one: what, then Approve / Reject. */
export interface ApprovalCard {
  title: string;
  text: string;
  tone: NoticeCard['tone'];
  facts: Fact[];
  /** Still to be decided: the comment box and the buttons are shown. */
  open: boolean;
  commentLabel: string;
  commentPlaceholder: string;
  /** Once decided: who decided what, when, and their comment. */
  outcome: string;
  error: string;
  actions: CardAction[];
}

export function approvalCard(
  data: Partial<ApprovalCard> & Pick<ApprovalCard, 'title' | 'text' | 'facts'>,
): CardAttachment {
  return renderCard('approval', {
    tone: 'default',
    open: false,
    commentLabel: '',
    commentPlaceholder: '',
    outcome: '',
    error: '',
    actions: [],
    ...data,
  });
}
