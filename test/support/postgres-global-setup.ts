import { startServer } from './postgres-server.js';

export default startServer;
