// dashboard: time from navigation to the portfolio board rendered, and the page's JS heap, with N
// relationships in the store, in Chromium against the built product; the baseline is the same
// page signed in for a team with no relationships, in the same browser and the same process.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Browser, Page } from 'playwright-core';
import type { Benchmark } from '../harness/benchmark';
import type { BenchContext } from '../harness/context';
import type { Figure } from '../harness/figures';
import { median } from '../harness/measure';
import { firstLine, requireExports, skip } from '../harness/skip';
import { chunksOf, decidedEvents } from '../workload/domain-events';
import { insertSeedEvents, settleStreamVersions } from '../workload/seed-store';

const ROOT = path.resolve(__dirname, '..', '..');
const MAIN = path.join(ROOT, 'dist', 'apps', 'offramp', 'src', 'main.js');
const WEB = path.join(ROOT, 'dist', 'web', 'index.html');
const SECRET = 'dashboard-bench-secret-of-at-least-32-chars';
/** The generated history's team; the baseline signs in for a team that has nothing. */
const TEAM = 'team-bench';
const EMPTY_TEAM = 'team-empty';
const NAVIGATIONS = 3;
/** Events decided per relationship on average: the opens first, then everyday signals, so cards differ. */
const EVENTS_PER_RELATIONSHIP = 4;
const RENDER_TIMEOUT = 120_000;
const mib = (bytes: number): number => bytes / 2 ** 20;
const count = (n: number): string => n.toLocaleString('en-US');

/** The product runs from `dist`; build it once when it is not there. */
function ensureBuilt(context: BenchContext): void {
  if (existsSync(MAIN) && existsSync(WEB)) return;
  context.progress('dist is missing: npm run build');
  const build = spawnSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (build.status !== 0 || !existsSync(MAIN) || !existsSync(WEB)) skip(`the product could not be built: ${firstLine(build.stderr || build.stdout || `exit ${build.status}`)}`);
}

interface Measured { ms: number; heapMiB: number }

/** One navigation in a fresh window (no cache, no session): ms until `rendered` resolves, then the heap after a full collection. */
async function navigate(browser: Browser, url: string, rendered: (page: Page) => Promise<unknown>): Promise<Measured> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    const page = await context.newPage();
    const started = performance.now();
    await page.goto(url);
    await rendered(page);
    const ms = performance.now() - started;
    const cdp = await context.newCDPSession(page);
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('Performance.enable');
    const { metrics } = await cdp.send('Performance.getMetrics');
    const heap = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? Number.NaN;
    return { ms, heapMiB: mib(heap) };
  } finally {
    await context.close();
  }
}

/** The board is rendered when its counts, its total and its first card are on the page. */
async function boardRendered(page: Page, total: number): Promise<void> {
  const wait = { timeout: RENDER_TIMEOUT };
  await page.getByRole('heading', { name: 'Portfolio' }).waitFor(wait);
  await page.getByText(`${total} relationships`, { exact: true }).waitFor(wait);
  await page.getByRole('region', { name: 'Relationships' }).getByRole('article').first().waitFor(wait);
}

/** The same page for a team with nothing: the shell, the counts and the empty list. */
async function emptyBoardRendered(page: Page): Promise<void> {
  const wait = { timeout: RENDER_TIMEOUT };
  await page.getByRole('heading', { name: 'Portfolio' }).waitFor(wait);
  await page.getByText('No relationships yet.').waitFor(wait);
}

export const dashboardBenchmark: Benchmark = {
  name: 'dashboard',
  description: 'navigation to the portfolio board rendered and the page JS heap in Chromium, 1,000 and 10,000 relationships, vs the same page for an empty team',
  async run(context) {
    const browserPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
    if (!existsSync(browserPath)) skip(`no Chromium at ${browserPath}`);
    const domain = await requireExports('the domain', () => import('@offramp/domain'), ['decide', 'evolve', 'parseInput', 'DEFAULT_POLICY']);
    const { openSqlEventStore } = await requireExports('the event store', () => import('@offramp/event-store'), ['openSqlEventStore']);
    const { signToken } = await requireExports('the sign-in tokens', () => import('../../apps/ops-api/src/auth/caller'), ['signToken']);
    const { signInLink } = await requireExports('the dashboard', () => import('../../apps/dashboard/src/sign-in-link'), ['signInLink']);
    const { startProduct } = await import('../../test/support/product-process');
    const { launchBrowser } = await import('../../test/support/browser');
    ensureBuilt(context);

    const browser = await launchBrowser();
    context.defer(() => browser.close());
    const figures: Figure[] = [];

    for (const relationships of [context.size(1_000, 200), context.size(10_000, 2_000)]) {
      // Each size gets a store of its own, seeded in bulk before the product starts.
      const database = await context.scratchDatabase();
      const store = await openSqlEventStore({ url: database.url, maxConnections: 2 });
      context.progress(`seeding ${count(relationships)} relationships`);
      try {
        const events = decidedEvents(domain, relationships * EVENTS_PER_RELATIONSHIP, { relationships, seed: 5 });
        for (const chunk of chunksOf(events, 5_000)) await insertSeedEvents(store.db, chunk);
        await settleStreamVersions(store.db);
      } finally {
        await store.close();
      }

      context.progress('starting the product');
      const product = await startProduct({ env: { JWT_SECRET: SECRET, DATABASE_URL: database.url, LOG_LEVEL: 'warn' } });
      try {
        const bearer = signToken({ sub: 'bench', teamId: TEAM, role: 'viewer' }, SECRET, '1h');
        await boardCaughtUp(context, product.baseUrl, bearer, relationships);

        // The sign-in link lands on the day's work; the board has a page of its own.
        const boardPage = `${product.baseUrl.replace(/\/$/, '')}/board`;
        const boardUrl = signInLink(boardPage, bearer);
        const emptyUrl = signInLink(boardPage, signToken({ sub: 'bench', teamId: EMPTY_TEAM, role: 'viewer' }, SECRET, '1h'));
        // A first navigation of each warms the product's caches and Chromium; it is not counted.
        await navigate(browser, emptyUrl, emptyBoardRendered);
        await navigate(browser, boardUrl, (page) => boardRendered(page, relationships));
        const board: Measured[] = [];
        const empty: Measured[] = [];
        for (let round = 0; round < NAVIGATIONS; round++) {
          empty.push(await navigate(browser, emptyUrl, emptyBoardRendered));
          board.push(await navigate(browser, boardUrl, (page) => boardRendered(page, relationships)));
          context.progress(`  round ${round + 1}: board ${board.at(-1)!.ms.toFixed(0)} ms, empty team ${empty.at(-1)!.ms.toFixed(0)} ms`);
        }
        const baseline = 'empty team, same page';
        figures.push(
          { name: `navigation → board rendered, ${count(relationships)} relationships`, value: median(board.map((m) => m.ms)), unit: 'ms', baseline: { name: baseline, value: median(empty.map((m) => m.ms)) }, note: `median of ${NAVIGATIONS}, each in a fresh window` },
          { name: `board page JS heap, ${count(relationships)} relationships`, value: median(board.map((m) => m.heapMiB)), unit: 'MiB', baseline: { name: baseline, value: median(empty.map((m) => m.heapMiB)) }, note: 'after a full collection, CDP JSHeapUsedSize' },
        );
      } finally {
        await product.stop();
      }
    }
    return figures;
  },
};

/** Waits until the board's read model counts every seeded relationship. */
async function boardCaughtUp(context: BenchContext, baseUrl: string, bearer: string, relationships: number): Promise<void> {
  const deadline = Date.now() + 60_000 + relationships * 20;
  let total = -1;
  while (Date.now() < deadline) {
    const response = await fetch(`${baseUrl}/v1/board`, { headers: { Authorization: `Bearer ${bearer}` } });
    if (response.ok) total = ((await response.json()) as { counts: { total: number } }).counts.total;
    if (total === relationships) {
      context.progress(`the board counts all ${count(relationships)}`);
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the board counts ${total} of ${relationships} relationships after waiting`);
}
