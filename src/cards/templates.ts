import type { Markdown } from './markdown.js';
import type { ItemListCard } from './item-list.js';
import type { ApprovalCard } from './approval-card.js';

/** One button of a card: an `Action.Execute` with a verb the bot handles, and its data. */
export interface CardAction {
  title: string;
  verb: string;
  data: Record<string, unknown>;
  style: 'positive' | 'destructive' | 'default';
}

export interface Fact {
  title: string;
  value: string;
}

/** A message with an optional list of facts and buttons: confirmations, refusals, errors. */
export interface NoticeCard {
  title: string;
  /** Escaped like every card string, unless the product wrote it as `Markdown` (see markdown.ts). */
  text: string | Markdown;
  tone: 'good' | 'attention' | 'warning' | 'default';
  facts: Fact[];
  actions: CardAction[];
}

export interface WelcomeCard {
  title: string;
  intro: string;
  sectionsHeading: string;
  sections: { heading: string; lines: { text: string }[] }[];
  /** Shown when the user's roles allow none of the workflows. */
  emptyText: string;
  hasSections: boolean;
  footer: string;
  actions: CardAction[];
}

export interface WhoAmICard {
  title: string;
  facts: Fact[];
  capabilitiesHeading: string;
  capabilities: { text: string }[];
  actions: CardAction[];
}

export interface CoreCards {
  notice: NoticeCard;
  welcome: WelcomeCard;
  whoami: WhoAmICard;
}

/** Template name → the data it is expanded with. Each name is a file `cards/<name>.json`; each area declares its own. */
export type CardData = CoreCards & {
  invitation: InvitationCard;
  'choice-form': ChoiceFormCard;
  form: FormCard;
  'request-relationship': RequestRelationshipCard;
  'invitation-draft': InvitationDraftCard;
  sections: SectionsCard;
  'item-list': ItemListCard;
  approval: ApprovalCard;
};
export type CardName = keyof CardData;

/** "Accept agreement & authorize partner": what a customer admin reviews before Accept & Authorize. */
export interface InvitationCard {
  title: string;
  intro: string;
  facts: Fact[];
  rolesHeading: string;
  hasRoles: boolean;
  noRolesText: string;
  roles: { name: string; description: string }[];
  servicesHeading: string;
  hasServices: boolean;
  services: { text: string }[];
  declineHint: string;
  mcaText: string;
  mcaLinkTitle: string;
  mcaUrl: string;
  acknowledgeLabel: string;
  acknowledgeRequired: string;
  hasError: boolean;
  error: string;
  accept: CardAction;
  decline: CardAction;
  /** Each viewer listed gets the card redrawn for them (their roles, the invitation's current state). */
  refresh: { title: string; verb: string; data: Record<string, unknown>; userIds: string[] };
}

/** A question with one choice (and optionally a confirmation box), answered with Action.Execute buttons. */
export interface ChoiceFormCard {
  title: string;
  text: string;
  inputId: string;
  label: string;
  requiredMessage: string;
  hasChoices: boolean;
  choices: { title: string; value: string }[];
  /** The choice shown selected (a form shown again after Back), or none. */
  selected: string;
  hasConfirmation: boolean;
  confirmation: string;
  hasError: boolean;
  error: string;
  actions: CardAction[];
}

/** A form of text and choice inputs; its values come back merged into the clicked action's data. */
export interface FormCard {
  title: string;
  text: string;
  fields: {
    id: string;
    label: string;
    isText: boolean;
    value: string;
    placeholder: string;
    required: boolean;
    requiredMessage: string;
    multiSelect: boolean;
    choiceStyle: 'compact' | 'expanded';
    choices: { title: string; value: string }[];
  }[];
  hasError: boolean;
  error: string;
  actions: CardAction[];
}

type RequestFormInput =
  | 'customer'
  | 'newDomain'
  | 'newEmail'
  | 'displayName'
  | 'relationship'
  | 'services'
  | 'legacy'
  | 'durationDays'
  | 'autoExtend';

/**
 * "Request a reseller relationship", and the trial and offer forms with the same controls; `values` keeps what
 * was typed when a check fails. The admin roles are there only while delegated administration is on.
 */
export interface RequestRelationshipCard {
  title: string;
  intro: string;
  labels: Record<
    | 'customer'
    | 'customerPlaceholder'
    | 'newCustomerHint'
    | 'newDomain'
    | 'newDomainPlaceholder'
    | 'newEmail'
    | 'displayName'
    | 'displayNamePlaceholder'
    | 'newEmailPlaceholder'
    | 'relationship'
    | 'services'
    | 'servicesRequired'
    | 'adminState'
    | 'rolesHeading'
    | 'roles'
    | 'legacy'
    | 'duration'
    | 'autoExtend',
    string
  >;
  /** Input ids of this card instance (see input-id.ts). */
  ids: Record<RequestFormInput, string>;
  values: Record<RequestFormInput, string>;
  hasRelationship: boolean;
  relationshipChoices: { title: string; value: string }[];
  hasServices: boolean;
  serviceChoices: { title: string; value: string }[];
  licenceFields: { id: string; label: string; value: string }[];
  adminOn: boolean;
  /** Seed 004: only a partner in a delegated administration programme is offered the switch in a trial or offer. */
  mayIncludeAdmin: boolean;
  /** "Include delegated administration privileges", or taking them out again: the form comes back redrawn. */
  adminSwitch: CardAction;
  roleGroups: { id: string; heading: string; value: string; choices: { title: string; value: string }[] }[];
  hasError: boolean;
  error: string;
  submit: CardAction;
}

/** The invitation a partner sends: personalised link, editable draft email, "Open in email", "Done". */
export interface InvitationDraftCard {
  title: string;
  intro: string;
  facts: Fact[];
  link: string;
  linkLabel: string;
  code: string;
  codeLabel: string;
  subjectLabel: string;
  subject: string;
  bodyLabel: string;
  body: string;
  mailto: string;
  openInEmail: string;
  copyHint: string;
  hasError: boolean;
  error: string;
  canSend: boolean;
  waiting: string;
  done: CardAction;
}

/** A title, a text and headed groups of facts: statuses, lists of partners, details. */
export interface SectionsCard {
  title: string;
  text: string;
  sections: { heading: string; facts: Fact[] }[];
  actions: CardAction[];
}
