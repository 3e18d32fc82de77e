/**
 * Test runner settings. Unit tests pin edge cases without I/O; integration tests
 * start their own Redis, simulators and hub on free loopback ports.
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 30_000,
    projects: [
      { extends: true, test: { name: 'unit', include: ['tests/unit/**/*.test.ts', 'tests/ocr/**/*.test.ts', 'connectors/**/*.test.ts', 'sims/**/*.test.ts'] } },
      { extends: true, test: { name: 'integration', include: ['tests/integration/**/*.test.ts'] } },
    ],
  },
});
