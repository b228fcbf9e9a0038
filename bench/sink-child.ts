// Child process: the Bot Connector's stand-in (connector-sink.ts) alone in its process. In production the
// connector is a remote service; here its work must not queue behind the load generator's, nor slow it:
// Accept & Authorize sends a proactive message to each of the partner's admins, the floor none.
import { startConnectorSink } from './connector-sink.js';

const sink = await startConnectorSink();
process.send!({ url: sink.url });
process.on('disconnect', () => process.exit(1));
process.on('message', (message: { cmd?: string }) => {
  if (message.cmd === 'stop') void sink.close().then(() => process.exit(0));
  if (message.cmd === 'count') process.send!({ received: sink.received() });
});
