// End-to-end journeys: the real bot, Agents Playgrounds and headless Chromium. Run with `npm run test:e2e`.
export default {
  testEnvironment: 'node',
  roots: ['<rootDir>/dist/test/e2e'],
  testMatch: ['**/*.e2e.js'],
  transform: {},
  testTimeout: 180000,
  maxWorkers: 1,
};
