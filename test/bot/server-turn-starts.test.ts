// A request counts as in flight from the moment it arrives, also while its turn waits to begin: a shutdown
// must not close the store under a turn that has not begun yet.
import { createAdapter } from '../../src/bot/adapter.js';
import { createServer, listen, shutdown } from '../../src/bot/server.js';
import { TurnStarts } from '../../src/bot/turn-starts.js';
import { loadConfig } from '../../src/config.js';
import { silentLogger } from '../../src/logging/logger.js';
import { message } from '../support/activities.js';
import { NOW, PEOPLE, tempStore } from '../support/world.js';

/** Turns begin only when the test opens the gate. */
class HeldStarts extends TurnStarts {
  private open: (() => void) | undefined;
  private readonly opened = new Promise<void>((resolve) => (this.open = resolve));
  override begin(): Promise<void> {
    return this.opened;
  }
  release(): void {
    this.open!();
  }
}

const loopTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('HTTP server: a turn waiting to begin', () => {
  it('is in flight (what a shutdown waits for) before it begins, and until it is answered', async () => {
    const temp = await tempStore();
    const starts = new HeldStarts();
    let ran = 0;
    const server = createServer({
      config: loadConfig({}),
      adapter: createAdapter(loadConfig({}), silentLogger),
      store: temp.store,
      logger: silentLogger,
      clock: () => NOW,
      run: async (context) => {
        ran++;
        await context.sendActivity('answered');
      },
      starts,
    });
    try {
      const port = await listen(server, 0, '127.0.0.1');
      const answer = fetch(`http://127.0.0.1:${port}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ...message(PEOPLE.customerGlobalAdmin, 'help'), deliveryMode: 'expectReplies' }),
      });
      const inFlight = (server as unknown as { inFlight: () => number }).inFlight;
      // Counted before it began: uncounted, this would wait for ever (and the test time out).
      while (inFlight() === 0) await loopTurn();
      expect(ran).toBe(0);
      starts.release();
      const response = await answer;
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('answered');
      expect(ran).toBe(1);
      expect(inFlight()).toBe(0);
    } finally {
      await shutdown(server, 1000);
      await temp.dispose();
    }
  });
});
