/**
 * The first page in a real browser: Debian's chromium through playwright-core against a vite dev
 * server started here on a free port. One page, one sequence of steps, like an operator's session.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createServer, type ViteDevServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const modelText = readFileSync(new URL('../../models/default-park.json', import.meta.url), 'utf8');
const defaultName = (JSON.parse(modelText) as { name: { en: string; zh: string } }).name;

let server: ViteDevServer;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];
/** main-frame loads: a second one means vite (or a crash) reloaded the page under the test */
let pageLoads = 0;

async function status(): Promise<string | null> {
  return page.getByTestId('status').getAttribute('data-status');
}

async function waitForStatus(want: string, timeout = 90_000): Promise<void> {
  await page.waitForFunction((w) => document.querySelector('[data-testid="status"]')?.getAttribute('data-status') === w, want, { timeout, polling: 50 });
}

async function numberAttr(testId: string, attr = 'data-value'): Promise<number> {
  const v = await page.getByTestId(testId).first().getAttribute(attr);
  return Number(v);
}

beforeAll(async () => {
  server = await createServer({
    root,
    configFile: `${root}/vite.config.ts`,
    // its own dependency cache, so a developer's `npm run dev` and this test never fight over one
    cacheDir: `${root}/node_modules/.vite-e2e`,
    // vite's dependency scan does not follow `new Worker(new URL(…))`: without this entry a cold cache
    // discovers the worker's imports (zod) late, re-optimizes and reloads the page mid-test
    optimizeDeps: { entries: ['index.html', 'src/worker/sim.worker.ts'] },
    server: { port: 0, host: '127.0.0.1', strictPort: false },
    logLevel: 'error',
    clearScreen: false,
  });
  await server.listen();
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('vite did not report a local URL');

  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--ignore-gpu-blocklist', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
  page.on('pageerror', (e) => pageErrors.push(`pageerror: ${e.message}`));
  page.on('framenavigated', (f) => {
    if (f === page.mainFrame()) pageLoads++;
  });
  page.on('response', (r) => {
    if (r.status() >= 400) pageErrors.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  page.on('console', (m) => {
    if (m.type() === 'error') pageErrors.push(`console: ${m.text()}`);
  });
  await page.goto(url);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('first page', () => {
  it('opens on the default park, ready to run', async () => {
    await page.getByTestId('model-name').filter({ hasText: defaultName.en }).waitFor({ timeout: 60_000 });
    await waitForStatus('idle', 30_000);
    expect(await page.getByTestId('play').isEnabled()).toBe(true);
    expect(await page.getByTestId('pause').isEnabled()).toBe(false);
    expect(await page.getByTestId('clock').textContent()).toBe('2026-03-02 00:00');
    // the plant tree lists the model's units
    expect(await page.getByTestId('plant-tree').locator('li').count()).toBeGreaterThanOrEqual(10);
    expect(await page.title()).toMatch(/PlatingTwin/);
  });

  it('switches the labels to Chinese and back', async () => {
    await page.getByTestId('lang-zh').click();
    await page.getByTestId('model-name').filter({ hasText: defaultName.zh }).waitFor();
    expect(await page.getByTestId('status').textContent()).toBe('就绪');
    expect(await page.getByTestId('play').getAttribute('aria-label')).toBe('运行');
    expect(await page.locator('#tree-h').textContent()).toContain('工艺单元');
    expect(await page.getByTestId('load-model').textContent()).toContain('载入模型');
    expect(await page.getByTestId('speed-max').textContent()).toBe('最快');
    expect(await page.locator('.app').getAttribute('lang')).toBe('zh-CN');

    await page.getByTestId('lang-en').click();
    await page.getByTestId('model-name').filter({ hasText: defaultName.en }).waitFor();
    expect(await page.getByTestId('status').textContent()).toBe('Ready');
    expect(await page.locator('#tree-h').textContent()).toContain('Plant units');
  });

  it('shows a broken model as file: path: reason and keeps the park loaded', async () => {
    const json = JSON.parse(modelText) as { units: { params: { volume_m3?: { value: number } } }[] };
    const vol = json.units[1]?.params.volume_m3;
    if (!vol) throw new Error('the default park changed: units[1] has no volume');
    vol.value = -5;
    await page.getByTestId('model-file').setInputFiles({ name: 'bad-volume.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(json)) });
    await page.getByTestId('load-error').waitFor();
    expect(await page.getByTestId('err-file').textContent()).toBe('bad-volume.json');
    expect(await page.getByTestId('err-path').textContent()).toBe('units[1].params.volume_m3.value');
    expect((await page.getByTestId('err-reason').textContent())?.length ?? 0).toBeGreaterThan(3);
    expect(await page.getByTestId('model-name').textContent()).toBe(defaultName.en);

    // not even JSON: the path is the top level
    await page.getByTestId('model-file').setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"format": ') });
    await page.getByTestId('err-file').filter({ hasText: 'broken.json' }).waitFor();
    expect(await page.getByTestId('err-path').textContent()).toBe('(top level)');
    expect(await page.getByTestId('err-reason').textContent()).toMatch(/JSON/);
    expect(await status()).toBe('idle');
  });

  it('runs the 30-day plan at max speed to done, and the mass books close', async () => {
    await page.getByTestId('speed-max').click();
    expect(await page.getByTestId('speed-max').getAttribute('aria-pressed')).toBe('true');
    const t0 = Date.now();
    await page.getByTestId('play').click();
    await waitForStatus('done');
    const wall = Date.now() - t0;
    expect(await numberAttr('progress', 'data-progress')).toBe(1);
    expect(await page.getByTestId('clock').textContent()).toBe('2026-04-01 00:00');
    expect(await numberAttr('sum-days')).toBeCloseTo(30, 9);

    const closures = await page.getByTestId('closure').evaluateAll((cells) => cells.map((c) => Number(c.getAttribute('data-value'))));
    // 7 element groups plus every component that carries mass
    expect(closures.length).toBeGreaterThanOrEqual(7 + 10);
    for (const c of closures) {
      expect(Number.isFinite(c)).toBe(true);
      expect(c).toBeLessThanOrEqual(1e-9);
    }
    expect(await numberAttr('worst-closure')).toBeLessThanOrEqual(1e-9);
    expect(await page.locator('td.abnormal').count()).toBe(0);

    // ≈ 3,000 m³/d of rinse water in, the same out (tanks buffer a little)
    const inflow = Number(await page.getByTestId('flows-influents').locator('tfoot td').getAttribute('data-value'));
    const outflow = Number(await page.getByTestId('flows-outlets').locator('tfoot td').getAttribute('data-value'));
    expect(inflow).toBeGreaterThan(2000);
    expect(inflow).toBeLessThan(4500);
    expect(Math.abs(outflow - inflow) / inflow).toBeLessThan(0.05);
    console.log(`e2e: 30 simulated days at max speed took ${wall} ms of wall time in the browser`);
  });

  it('pauses a paced run between chunks and resumes it', async () => {
    await page.getByTestId('reset').click();
    await waitForStatus('idle');
    expect(await page.getByTestId('clock').textContent()).toBe('2026-03-02 00:00');
    await page.getByTestId('speed-3600').click();
    await page.getByTestId('play').click();
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="progress"]')?.getAttribute('data-progress')) > 0, undefined, { polling: 50 });
    await page.getByTestId('pause').click();
    await waitForStatus('paused', 5_000);
    const held = await page.getByTestId('clock').textContent();
    await page.waitForTimeout(400);
    expect(await page.getByTestId('clock').textContent()).toBe(held);
    expect(held).not.toBe('2026-03-02 00:00');

    await page.getByTestId('speed-max').click();
    await page.getByTestId('play').click();
    await waitForStatus('done');
    expect(await page.getByTestId('clock').textContent()).toBe('2026-04-01 00:00');
    expect(await numberAttr('worst-closure')).toBeLessThanOrEqual(1e-9);
  });

  it('looks finished: screenshot for review, and no errors in the console', async () => {
    await page.getByTestId('dismiss-error').click();
    mkdirSync(`${root}/test-results`, { recursive: true });
    await page.screenshot({ path: `${root}/test-results/first-page.png`, fullPage: true });
    await page.getByTestId('lang-zh').click();
    await page.locator('#books-h').filter({ hasText: '物料衡算' }).waitFor();
    // the same page in Chinese (needs a CJK font on the machine to be readable)
    await page.screenshot({ path: `${root}/test-results/first-page-zh.png`, fullPage: true });
    await page.getByTestId('lang-en').click();
    expect(pageErrors).toEqual([]);
    expect(pageLoads).toBe(1);
  });
});
