/**
 * One vite dev server and one headless chromium (Debian's, software WebGL through SwiftShader)
 * for the browser tests, with helpers that read the app through its test handles (`window.__pt`,
 * dev server only). File watching is off: other work in the tree must not reload a page mid-test.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createServer, type ViteDevServer } from 'vite';
import type { StoreApi } from 'zustand/vanilla';
import type { SceneProbe } from '../../src/scene/testProbe.ts';
import type { HistoryRing } from '../../src/state/history.ts';
import type { ModelState } from '../../src/state/modelStore.ts';
import type { ReferenceState } from '../../src/state/reference.ts';
import type { RowRing } from '../../src/state/rowRing.ts';
import type { RunState } from '../../src/state/runStore.ts';
import type { ViewState } from '../../src/state/viewStore.ts';
import type { ModelInfo, RowBlock } from '../../src/worker/api.ts';
import type { SimClient } from '../../src/worker/client.ts';

export const root = fileURLToPath(new URL('../..', import.meta.url));
export const shots = `${root}/test-results`;

export interface Harness {
  server: ViteDevServer;
  browser: Browser;
  url: string;
}

export async function startHarness(): Promise<Harness> {
  const server = await createServer({
    root,
    configFile: `${root}/vite.config.ts`,
    // its own dependency cache, so a developer's `npm run dev` and this test never fight over one
    cacheDir: `${root}/node_modules/.vite-e2e`,
    // vite's dependency scan does not follow `new Worker(new URL(…))`: without this entry a cold cache
    // discovers the worker's imports (zod) late, re-optimizes and reloads the page mid-test
    optimizeDeps: { entries: ['index.html', 'src/worker/sim.worker.ts', 'src/worker/csv.worker.ts'] },
    server: { port: 0, host: '127.0.0.1', strictPort: false, hmr: false, watch: null },
    logLevel: 'error',
    clearScreen: false,
  });
  await server.listen();
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('vite did not report a local URL');
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--ignore-gpu-blocklist', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  mkdirSync(shots, { recursive: true });
  return { server, browser, url };
}

export async function stopHarness(h: Harness | undefined): Promise<void> {
  await h?.browser.close();
  await h?.server.close();
}

export interface PageWatch {
  errors: string[];
  loads: () => number;
}

/** Collects what must never happen on a page: errors, failed requests, reloads. */
export function watchPage(page: Page): PageWatch {
  const errors: string[] = [];
  let loads = 0;
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('framenavigated', (f) => {
    if (f === page.mainFrame()) loads++;
  });
  page.on('response', (r) => {
    if (r.status() >= 400) errors.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  return { errors, loads: () => loads };
}

/** A page of its own (so a browser context of its own) on the app at `viewport`, watched for errors. */
export async function openApp(h: Harness, viewport: { width: number; height: number }, query = ''): Promise<{ page: Page; watch: PageWatch }> {
  const page = await h.browser.newPage({ viewport, locale: 'en-US' });
  const watch = watchPage(page);
  await page.goto(`${h.url}${query}`);
  return { page, watch };
}

export async function waitForStatus(page: Page, want: string, timeout = 90_000): Promise<void> {
  await page.waitForFunction((w) => document.querySelector('[data-testid="status"]')?.getAttribute('data-status') === w, want, { timeout, polling: 50 });
}

/** The 3D view is up: its chunk loaded, the canvas drew frames for the model of `units` units. */
export async function waitForTwin(page: Page, units?: number, timeout = 60_000): Promise<void> {
  await page.waitForFunction(
    (n) => {
      const s = (window as unknown as { __pt?: { scene?: { frames(): number; units(): number; requestFrame(): void } } }).__pt?.scene;
      // the canvas draws on demand: a still twin draws only when asked
      s?.requestFrame();
      return !!s && s.frames() > 2 && (n === undefined || n === null || s.units() === n);
    },
    units ?? null,
    { timeout, polling: 100 },
  );
}

/** The dev-server handles (src/ui/devHooks.ts, src/scene/testProbe.ts), as seen from page.evaluate. */
export interface PT {
  modelStore: StoreApi<ModelState>;
  runStore: StoreApi<RunState>;
  viewStore: StoreApi<ViewState>;
  referenceStore: StoreApi<ReferenceState>;
  rows: RowRing;
  history: HistoryRing;
  client(): SimClient;
  loadDefaultModel(): Promise<unknown>;
  showModel(info: ModelInfo, block?: RowBlock): void;
  appendRows(block: RowBlock): void;
  scene?: SceneProbe;
}
export type W = { __pt: PT; [k: string]: unknown };

/**
 * Main-thread long tasks from now on (PerformanceObserver 'longtask'): the function returned reads their
 * durations, ms. One observer per page; a second call starts the list afresh.
 */
export async function watchLongTasks(page: Page): Promise<() => Promise<number[]>> {
  await page.evaluate(() => {
    const w = window as unknown as { __longTasks?: number[] };
    if (w.__longTasks === undefined) {
      new PerformanceObserver((l) => {
        for (const e of l.getEntries()) w.__longTasks!.push(e.duration);
      }).observe({ type: 'longtask', buffered: false });
    }
    w.__longTasks = [];
  });
  return () => page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks.slice());
}
