import { stopServer } from './postgres-server.js';

export default stopServer;
