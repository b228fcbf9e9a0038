import { demoWorld } from '../../src/store/demo-world.js';
import type { SeedData, Store } from '../../src/store/store.js';
import type { Person } from './activities.js';
import { BotHarness } from './bot-harness.js';
import { NOW, tempStore } from './world.js';

export interface BotWorld {
  /** This test's store (a fresh one per test). */
  readonly store: Store;
  /** Someone talking to the whole app in this test's store; stopped after the test. */
  harness(person: Person, env?: NodeJS.ProcessEnv, locale?: string): BotHarness;
}

/**
 * Registers, in the calling describe block, a fresh store with `world` (the demo world unless given)
 * before each test, and stops every harness and removes the store after it.
 */
export function useBotWorld(world: () => SeedData = () => demoWorld(NOW)): BotWorld {
  let store: Store | undefined;
  let dispose: () => Promise<void> = async () => undefined;
  const harnesses: BotHarness[] = [];
  beforeEach(async () => {
    ({ store, dispose } = await tempStore(world()));
  });
  afterEach(async () => {
    harnesses.splice(0).forEach((h) => h.stop());
    await dispose();
  });
  return {
    get store() {
      if (!store) throw new Error('useBotWorld: the store exists only inside a test');
      return store;
    },
    harness(person, env = {}, locale = 'en-US') {
      const harness = new BotHarness(this.store, person, env, locale);
      harnesses.push(harness);
      return harness;
    },
  };
}
