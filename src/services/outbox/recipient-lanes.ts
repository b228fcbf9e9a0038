/**
 * How many recipients a drain sends to at once. The connector answers in tens of milliseconds from far away:
 * one send at a time would deliver a few dozen messages a second while turns queue hundreds.
 */
export const RECIPIENTS_AT_ONCE = 8;

/**
 * Visits `items` one lane per recipient: a recipient's items one after another in the given order (their
 * messages arrive in the order they were queued), up to `atOnce` recipients at the same time. Resolves
 * with what each visit returned, in the order of `items`. A visit that fails rejects the batch, but only
 * once every visit already begun has ended and no new one has begun: the caller releases its claims then,
 * and a send still in flight must not be claimed and sent again by someone else.
 */
export async function inRecipientLanes<T, R>(
  items: readonly T[],
  recipientOf: (item: T) => string,
  atOnce: number,
  visit: (item: T) => Promise<R>,
): Promise<R[]> {
  const lanes = new Map<string, number[]>();
  items.forEach((item, at) => {
    const key = recipientOf(item);
    const lane = lanes.get(key);
    if (lane) lane.push(at);
    else lanes.set(key, [at]);
  });
  const waiting = [...lanes.values()];
  const results: R[] = new Array<R>(items.length);
  let failure: { error: unknown } | undefined;
  const runLanes = async () => {
    for (let lane = waiting.shift(); lane && !failure; lane = waiting.shift()) {
      for (const at of lane) {
        if (failure) return;
        try {
          results[at] = await visit(items[at]!);
        } catch (error) {
          failure ??= { error };
        }
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(atOnce, waiting.length) }, runLanes));
  if (failure) throw failure.error;
  return results;
}
