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
  text: string;
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
export type CardData = CoreCards;
export type CardName = keyof CardData;
