import type { Config } from 'jest';

// Tests are TypeScript compiled by ts-jest without type checking (`npm run typecheck` does
// that). Each test file starts its own subgraphs on fresh databases, so files run in parallel.
const config: Config = {
  testEnvironment: 'node',
  roots: ['<rootDir>/gateway', '<rootDir>/subgraphs', '<rootDir>/bench', '<rootDir>/scripts'],
  testMatch: ['**/test/**/*.test.ts'],
  transform: {
    '^.+\\.[tj]s$': ['ts-jest', { tsconfig: { module: 'commonjs', allowJs: true, esModuleInterop: true, isolatedModules: true } }],
  },
  // A few dependencies ship ES modules only; they are compiled to CommonJS for Jest.
  transformIgnorePatterns: ['/node_modules/(?!(jose|graphql-ws|graphql-sse)/)'],
  testTimeout: 60_000,
  maxWorkers: process.env.CI ? 2 : '50%',
  setupFiles: ['<rootDir>/subgraphs/kernel/testing/env.ts'],
};

export default config;
