// Tests are compiled by `tsc` (npm run build) and run as native ESM from dist/.
// One throwaway PostgreSQL serves the whole run (each PostgreSQL test makes its own database in it).
export default {
  testEnvironment: 'node',
  roots: ['<rootDir>/dist/test'],
  testMatch: ['**/*.test.js'],
  transform: {},
  testTimeout: 30000,
  maxWorkers: 2,
  globalSetup: '<rootDir>/dist/test/support/postgres-global-setup.js',
  globalTeardown: '<rootDir>/dist/test/support/postgres-global-teardown.js',
};
