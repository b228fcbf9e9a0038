/** The Action.Execute buttons of a card: title, verb, data. */
export function buttons(card: unknown): { title: string; verb: string; data: Record<string, unknown> }[] {
  const actions =
    (card as { actions?: { title: string; verb: string; data: Record<string, unknown> }[] })?.actions ?? [];
  return actions.map(({ title, verb, data }) => ({ title, verb, data }));
}
