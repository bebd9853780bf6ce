import type { Config } from 'jest';

// Tests are TypeScript compiled by ts-jest without type checking (`npm run typecheck` does
// that). Each test file starts its own subgraphs on fresh databases, so files run in parallel.
const config: Config = {
  testEnvironment: 'node',
  roots: ['<rootDir>/gateway', '<rootDir>/subgraphs', '<rootDir>/bench', '<rootDir>/deploy', '<rootDir>/scripts'],
  testMatch: ['**/test/**/*.test.ts'],
  transform: {
    '^.+\\.[tj]s$': ['ts-jest', { tsconfig: { module: 'commonjs', allowJs: true, esModuleInterop: true, isolatedModules: true } }],
  },
  // A few dependencies ship ES modules only; they are compiled to CommonJS for Jest.
  transformIgnorePatterns: ['/node_modules/(?!(jose|graphql-ws|graphql-sse)/)'],
  // A test graph migrates and seeds up to five databases before its first test: on a busy 2-core
  // machine running two files at once that can take minutes, and it must not fail for that.
  testTimeout: 180_000,
  maxWorkers: process.env.CI ? 2 : '50%',
  setupFiles: ['<rootDir>/subgraphs/kernel/testing/env.ts'],
};

export default config;
