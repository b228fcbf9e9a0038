// Preloaded into the Agents Playground, which calls listen(port) with no host (all interfaces):
// a server started without a host binds to loopback instead, so nothing local mode starts is reachable
// from the network.
const net = require('node:net');
const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function (...args) {
  if (typeof args[0] === 'number' || (typeof args[0] === 'string' && /^\d+$/.test(args[0]))) {
    const hostGiven = typeof args[1] === 'string';
    if (!hostGiven) args.splice(1, 0, '127.0.0.1');
  } else if (args[0] && typeof args[0] === 'object' && args[0].port !== undefined && !args[0].host && !args[0].path) {
    args[0] = { ...args[0], host: '127.0.0.1' };
  }
  return listen.apply(this, args);
};
