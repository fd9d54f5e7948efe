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
    // e2e tests start their own server and browser; they run in one fork after the unit tests would compete for 2 cores
    pool: 'forks',
  },
});
