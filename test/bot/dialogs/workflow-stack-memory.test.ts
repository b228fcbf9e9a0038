import { ConversationState, MemoryStorage, TestAdapter } from 'botbuilder';
import type { DialogStateManagerConfiguration } from 'botbuilder-dialogs';
import { WorkflowStack } from '../../../src/bot/dialogs/workflow-stack.js';
import { silentLogger } from '../../../src/logging/logger.js';

describe('the workflow stack memory scopes', () => {
  it('are built by the first turn and serve every later one, conversation and turn memory intact', async () => {
    const state = new ConversationState(new MemoryStorage());
    const stack = new WorkflowStack(state, [], silentLogger);
    const configurations: DialogStateManagerConfiguration[] = [];
    const counts: number[] = [];
    const adapter = new TestAdapter(async (context) => {
      context.turnState.set('ConversationState', state); // what the conversation scope reads the state from
      const dc = await stack.open(context);
      configurations.push(dc.state.configuration);
      const count = dc.state.getValue<number>('conversation.count', 0);
      counts.push(count);
      dc.state.setValue('conversation.count', count + 1);
      dc.state.setValue('turn.seen', count);
      counts.push(dc.state.getValue<number>('turn.seen', -1));
      await state.saveChanges(context);
    });
    await adapter.send('one');
    await adapter.send('two');
    await adapter.send('three');
    expect(configurations).toHaveLength(3);
    expect(new Set(configurations).size).toBe(1);
    expect(counts).toEqual([0, 0, 1, 1, 2, 2]);
  });
});
