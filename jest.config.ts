/** @jest-config-loader esbuild-register */
import type { Config } from 'jest';

// Tests are TypeScript compiled by SWC (fast, no type check: `npm run typecheck` does that).
// Each test file starts its own subgraphs on fresh databases, so files run in parallel safely.
const config: Config = {
  testEnvironment: 'node',
  roots: ['<rootDir>/gateway', '<rootDir>/subgraphs'],
  testMatch: ['**/test/**/*.test.ts'],
  transform: {
    '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { target: 'es2022', parser: { syntax: 'typescript' } }, module: { type: 'commonjs' } }],
  },
  // A few dependencies ship ES modules only; SWC compiles them to CommonJS for Jest.
  transformIgnorePatterns: ['/node_modules/(?!(jose|graphql-ws|graphql-sse)/)'],
  testTimeout: 60_000,
  maxWorkers: process.env.CI ? 2 : '50%',
  setupFiles: ['<rootDir>/subgraphs/kernel/testing/env.ts'],
};

export default config;
