import type { TurnContext } from 'botbuilder';
import type { CardAttachment } from '../../cards/render.js';

const CARD_REPLY = Symbol('cardReply');

/** A card's Action.Execute: Teams shows its answer in place of the card that was clicked. */
export function isCardAction(context: TurnContext): boolean {
  return context.activity.type === 'invoke' && context.activity.name === 'adaptiveCard/action';
}

/**
 * Shows a card to the person acting. The first card of an Action.Execute turn replaces the card clicked (the
 * invoke's answer); any other is a new message. Dialog steps show every card through here, so a step does not
 * need to know whether it was reached by typing or by clicking.
 */
export async function showCard(context: TurnContext, card: CardAttachment): Promise<void> {
  if (isCardAction(context) && !context.turnState.has(CARD_REPLY)) {
    context.turnState.set(CARD_REPLY, card);
    return;
  }
  await context.sendActivity({ attachments: [card] });
}

/** The card that answers this Action.Execute turn, if a step showed one. */
export function cardReplyOf(context: TurnContext): CardAttachment | undefined {
  return context.turnState.get(CARD_REPLY) as CardAttachment | undefined;
}
