import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  worker: { format: 'es' },
  // the pre-scan does not follow `new Worker(new URL(…))`: name the worker so its dependencies are found up front
  optimizeDeps: { entries: ['index.html', 'src/worker/sim.worker.ts'] },
  build: { target: 'es2022', chunkSizeWarningLimit: 1500 },
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // `npm test` runs the browser tests on their own after the unit tests: the frame rate and the streaming
    // time they measure need the two cores to themselves, not shared with engine tests
    pool: 'forks',
  },
});
