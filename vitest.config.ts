import { defineConfig } from 'vitest/config';

// Two projects: the core, upstream, electron and renderer logic run in Node; the screens'
// component tests (renderer/**/*.test.tsx) run in a DOM (jsdom), with testing-library set up.
export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          include: ['core/**/*.test.ts', 'electron/**/*.test.ts', 'renderer/**/*.test.ts', 'upstream/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        extends: true,
        test: {
          name: 'dom',
          include: ['renderer/**/*.test.tsx'],
          environment: 'jsdom',
          setupFiles: ['renderer/src/testing/setup.ts'],
        },
      },
    ],
  },
});
