import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // One copy of graphql: yoga loads the CommonJS build; without this, the tests would load the
  // ESM one too and `instanceof GraphQLError` (error masking) would fail across the two copies.
  resolve: { alias: { graphql: createRequire(import.meta.url).resolve('graphql') } },
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/setup/redis.global.ts', 'tests/setup/web.global.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
  },
});
