/**
 * Runs `send` for every item, each on its own: one failure (a mail server hiccup) does not stop
 * the others. Returns how many sent; after trying them all, rethrows the first failure so the
 * job's run is marked failed and retried on its next tick.
 */
export async function sendEach<T>(
  items: Iterable<T> | AsyncIterable<T>,
  send: (item: T) => Promise<boolean>,
): Promise<number> {
  let sent = 0;
  let firstError: unknown;
  for await (const item of items) {
    try {
      if (await send(item)) sent++;
    } catch (err) {
      firstError ??= err;
    }
  }
  if (firstError) throw firstError;
  return sent;
}
