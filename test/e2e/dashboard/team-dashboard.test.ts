// The team dashboard in a real browser against the built product: from a new relationship on the
// board, through a warning, a failed repair and a guarded notice overridden by an admin, to the exit.
import { addDays } from 'date-fns';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signToken } from '../../../apps/ops-api/src/auth/caller';
import { signInLink } from '../../../apps/dashboard/src';
import { DESKTOP, launchBrowser, openPage, PHONE, screenshotBothWidths, seriousAccessibilityViolations } from '../../support/browser';
import { startProduct, type ProductProcess } from '../../support/product-process';
import { sendInput, type InputPath } from '../api/contract-client';

const SECRET = 'dashboard-e2e-secret-of-at-least-32-chars';
const TEAM = 'team-a';
const token = (sub: string, role: 'viewer' | 'manager' | 'admin', teamId = TEAM) => signToken({ sub, teamId, role }, SECRET, '1h');
// Generous: a loaded two-core machine runs the product, Kafka and Chromium at once.
const WAIT = { timeout: 30_000 };

let product: ProductProcess;
let browser: Browser;
const consoleErrors: string[] = [];

/** Sets the scene through the generated client of the ops API, as an integration would. */
async function api(path: InputPath, body: unknown, bearer = token('ops', 'manager')) {
  return sendInput(product.baseUrl, bearer, path, body);
}

interface SignedIn { context: BrowserContext; page: Page; errors: string[] }

async function signedIn(bearer: string): Promise<SignedIn> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const { page, errors } = await openPage(context);
  await page.goto(signInLink(product.baseUrl, bearer));
  await page.getByRole('heading', { name: 'Today', level: 1 }).waitFor(WAIT);
  return { context, page, errors };
}

/** Closes the browser window, keeping what its console said for the final check. */
async function leave({ context, errors }: SignedIn): Promise<void> {
  await context.close();
  consoleErrors.push(...errors);
}

const stateBadge = (page: Page) => page.getByTestId('state');

/** A few more clients, so every view has something to show: rising risk, a red flag with money owed, a notice. */
async function seedPortfolio(): Promise<void> {
  const now = new Date().toISOString();
  const inTenDays = addDays(new Date(), 10).toISOString().slice(0, 10);
  const open = (id: string, clientName: string) => ({ id: `open-${id}`, type: 'relationship.open', relationshipId: id, issuedAt: now, data: { clientName, teamId: TEAM } });
  const signal = (id: string, relationshipId: string, type: string, data: Record<string, unknown> = {}) => ({ id, type, relationshipId, occurredAt: now, source: 'crm', data });
  for (const [id, name] of [['globex', 'Globex Corporation'], ['initech', 'Initech'], ['umbrella', 'Umbrella Health']]) {
    expect((await api('/v1/commands', open(id, name))).status).toBe(202);
  }
  const signals = [
    signal('g-1', 'globex', 'scope.changed'), signal('g-2', 'globex', 'price.pressure'), signal('g-3', 'globex', 'scope.changed'),
    signal('i-1', 'initech', 'invoice.issued', { invoiceId: 'INV-7', amount: 4800, dueOn: inTenDays }), signal('i-2', 'initech', 'dishonesty.detected'),
    signal('u-1', 'umbrella', 'demand.unreasonable'),
  ];
  expect((await api('/v1/signals', signals)).status).toBe(202);
  expect((await api('/v1/commands', { id: 'propose-umbrella', type: 'termination.propose', relationshipId: 'umbrella', issuedAt: now, data: { reason: 'Demands we cannot meet' } })).status).toBe(202);
}

beforeAll(async () => {
  product = await startProduct({ env: { JWT_SECRET: SECRET, LOG_LEVEL: 'warn' } });
  browser = await launchBrowser();
  const opened = await api('/v1/commands', { id: 'open-acme', type: 'relationship.open', relationshipId: 'acme', issuedAt: new Date().toISOString(), data: { clientName: 'Acme Widgets', teamId: TEAM } });
  expect(opened.status).toBe(202);
});

afterAll(async () => {
  await browser?.close();
  await product?.stop();
});

describe('the team dashboard', () => {
  it('walks a relationship from the board to a professional exit', async () => {
    const manager = await signedIn(token('maria', 'manager'));
    const { page } = manager;
    expect(page.url()).not.toContain('token=');

    // The new relationship is on the board.
    await page.getByRole('link', { name: 'Portfolio', exact: true }).click();
    await page.getByRole('link', { name: 'Acme Widgets' }).waitFor(WAIT);

    // A verbal-abuse signal moves it into the at-risk queue without a reload, with the reason in words.
    await page.getByRole('link', { name: 'At risk', exact: true }).click();
    await page.getByText('No relationship is at risk').waitFor(WAIT);
    await page.getByRole('status').filter({ hasText: 'Live' }).waitFor(WAIT);
    const sent = await api('/v1/signals', { id: 'chat-1', type: 'abuse.verbal', relationshipId: 'acme', occurredAt: new Date().toISOString(), source: 'chat', data: { description: 'belittling remark in a call' } });
    expect(sent.status).toBe(202);
    const entry = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Acme Widgets' }) });
    await entry.getByText('Verbal abuse or belittling remarks', { exact: true }).waitFor(WAIT);
    await entry.getByText(/signals: chat-1/).waitFor(WAIT);
    // Policy 24 and 25: the red flag reads as the most serious thing, the score read now.
    await entry.getByLabel('Risk score 100 of 100 now, critical').waitFor(WAIT);

    // Start the suggested repair: its form asks for the owner and review date, prefilled.
    await entry.getByRole('button', { name: /Start repair: Self-reflection/ }).click();
    const form = entry.getByRole('form', { name: /Start repair: Self-reflection/ });
    expect(await form.getByLabel('Owner').inputValue()).toBe('maria');
    await form.getByRole('button', { name: 'Start this repair' }).click();
    await entry.getByText(/Repair under way: Self-reflection, owner maria/).waitFor(WAIT);

    // Fail it, then propose termination: serving notice is blocked by cooling-off, with its end.
    await entry.getByRole('link', { name: 'Acme Widgets' }).click();
    await expect.poll(() => stateBadge(page).textContent(), WAIT).toBe('Repair attempt');
    await page.getByLabel('Failed').check();
    await page.getByRole('button', { name: 'Conclude repair' }).click();
    await expect.poll(() => stateBadge(page).textContent(), WAIT).toBe('At risk');
    await page.getByLabel('Reason', { exact: true }).fill('Abusive remarks after a warning');
    await page.getByRole('button', { name: 'Propose termination' }).click();
    await expect.poll(() => stateBadge(page).textContent(), WAIT).toBe('Notice (preparing)');
    await page.getByText(/Cooling-off ends in 7[12] h \(/).waitFor(WAIT);
    expect(await page.getByRole('button', { name: 'Serve notice' }).isDisabled()).toBe(true);
    await leave(manager);

    // An admin overrides the guard with a reason; the timeline shows who and why.
    const admin = await signedIn(token('ada', 'admin'));
    await admin.page.goto(`${product.baseUrl}/relationships/acme`);
    const serve = admin.page.getByRole('region', { name: 'Serve notice' });
    await serve.getByText('Contract not reviewed', { exact: false }).waitFor(WAIT);
    // Nothing in the review is ticked for the admin: the contract's answers are given, not assumed.
    const review = admin.page.getByRole('region', { name: 'Review the contract' });
    expect(await review.getByLabel('The contract allows ending it now').isChecked()).toBe(false);
    await review.getByLabel('The contract allows ending it now').check();
    await review.getByLabel('Everything paid for has been delivered').check();
    await admin.page.getByRole('button', { name: 'Record review' }).click();
    await serve.getByText('Contract not reviewed', { exact: false }).waitFor({ ...WAIT, state: 'detached' });
    await serve.getByText(/Cooling-off ends in 7[12] h/).waitFor(WAIT);
    await serve.getByLabel('The one reason you give').fill('The working relationship is no longer respectful');
    await serve.getByLabel('Notice days (empty: the contract’s, else 30)').fill('1');
    await serve.getByRole('button', { name: 'Serve notice (override)' }).click();
    await serve.getByLabel(/Why override/).fill('Client asked us to end it this week');
    await serve.getByRole('button', { name: 'Override and serve notice' }).click();
    await expect.poll(() => stateBadge(admin.page).textContent(), WAIT).toBe('Notice (served)');
    await admin.page.locator('.timeline').getByText(/Override by ada.*Client asked us to end it this week/).first().waitFor(WAIT);

    // The checklist, completed after the one-day notice period has run: the admin comes back two
    // days later (the page's clock moves on, so its commands are issued then).
    await admin.page.clock.setSystemTime(addDays(new Date(), 2));
    const progress = admin.page.getByText(/Exit checklist: \d+ of \d+ done/);
    await progress.waitFor(WAIT);
    const checklist = admin.page.getByRole('region', { name: 'Complete a checklist step' });
    for (let i = 0; i < 8; i++) {
      const open = await checklist.getByRole('option').evaluateAll((options) => options.map((o) => o.textContent ?? ''));
      if (open.every((name) => name.includes('optional'))) break;
      const before = await progress.textContent();
      await checklist.getByRole('button', { name: 'Mark step complete' }).click();
      await expect.poll(() => progress.textContent(), WAIT).not.toBe(before);
    }
    // No referral is owed to a client who was abusive: five required steps, the last one closing contact.
    expect(await progress.textContent()).toBe('Exit checklist: 4 of 5 done');
    await admin.page.getByRole('button', { name: 'Close contact', exact: true }).click();
    await admin.page.getByRole('alertdialog').getByText(/cannot be undone/).waitFor(WAIT);
    await admin.page.getByRole('button', { name: 'Yes, close contact' }).click();
    await expect.poll(() => stateBadge(admin.page).textContent(), WAIT).toBe('Offboarded');

    // The whole path is on the timeline.
    const timeline = admin.page.locator('.timeline');
    const steps = ['Relationship opened', 'Client warned', 'Relationship marked at risk', 'Repair started', 'Repair concluded: failed', 'Termination proposed',
      'Contract reviewed', 'Guard overridden', 'Notice served', 'Offboarding step completed: thanked', 'Offboarding step completed: contact closed', 'Relationship offboarded'];
    for (const step of steps) await timeline.getByText(step, { exact: true }).first().waitFor(WAIT);
    await leave(admin);
  });

  it('shows a viewer no action controls and keeps another team out', async () => {
    const viewer = await signedIn(token('vic', 'viewer'));
    await viewer.page.goto(`${product.baseUrl}/relationships/acme`);
    await viewer.page.getByRole('heading', { name: 'Acme Widgets' }).waitFor(WAIT);
    await viewer.page.locator('.timeline').waitFor(WAIT);
    expect(await viewer.page.getByRole('heading', { name: 'What you can do now' }).count()).toBe(0);
    expect(await viewer.page.getByRole('button', { name: /Start repair|Propose|Serve|Mark step|Close contact|Withdraw/ }).count()).toBe(0);
    await leave(viewer);

    const foreign = await signedIn(token('finn', 'admin', 'team-b'));
    await foreign.page.goto(`${product.baseUrl}/relationships/acme`);
    await foreign.page.getByText('This relationship does not exist in your team').waitFor(WAIT);
    expect(await foreign.page.getByRole('heading', { name: 'Acme Widgets' }).count()).toBe(0);
    await foreign.context.close();
    // The browser reports the API's 404 for the other team's relationship, and nothing else.
    expect(foreign.errors.length).toBeGreaterThan(0);
    for (const error of foreign.errors) expect(error).toMatch(/status of 404 .*\(http:\/\/127\.0\.0\.1:\d+\/v1\/relationships\/acme\)$/);
  });

  it('never shows the page without a token, and forgets it on sign-out', async () => {
    const context = await browser.newContext();
    const { page, errors } = await openPage(context);
    await page.goto(`${product.baseUrl}/board`);
    await page.getByLabel('Sign-in link or token').waitFor(WAIT);
    await page.goto(signInLink(product.baseUrl, token('maria', 'manager')));
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.reload();
    await page.getByLabel('Sign-in link or token').waitFor(WAIT);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('passes an accessibility scan on every view, at desktop and phone width, without console errors', async () => {
    await seedPortfolio();
    const session = await signedIn(token('maria', 'manager'));
    const { page } = session;
    await page.goto(`${product.baseUrl}/board`);
    await page.getByText('4 relationships').waitFor(WAIT);
    const views = [
      ['board', '/board', 'Portfolio'], ['at-risk', '/at-risk', 'At risk'], ['relationship', '/relationships/acme', 'Acme Widgets'],
      ['relationship-in-notice', '/relationships/umbrella', 'Umbrella Health'], ['notice', '/notice', 'Notice tracker'],
      ['pareto', '/pareto', 'Pareto of trouble'], ['exit-lessons', '/exit-lessons', 'Exit lessons'],
      ['today', '/today', 'Today'], ['new-relationship', '/relationships/new', 'New relationship'], ['webhooks', '/webhooks', 'Webhooks'],
    ] as const;
    const violations: Record<string, unknown[]> = {};
    for (const [name, path, heading] of views) {
      await page.goto(`${product.baseUrl}${path}`);
      await page.getByRole('heading', { name: heading, exact: true, level: 1 }).waitFor(WAIT);
      await page.getByText('Loading').first().waitFor({ ...WAIT, state: 'detached' });
      if (name === 'board') {
        // Policy 24 and 25 on the cards: the red flag the most serious, slow burners below it, each read now.
        await page.getByRole('article', { name: 'Umbrella Health' }).getByLabel('Risk score 100 of 100 now, critical').waitFor(WAIT);
        await page.getByRole('article', { name: 'Globex Corporation' }).getByLabel('Risk score 46 of 100 now, elevated').waitFor(WAIT);
      }
      if (name === 'pareto') {
        // Every client is ranked, not only the top 20%.
        const table = page.getByRole('region', { name: 'Trouble per client' });
        await expect.poll(() => table.getByRole('row').count(), WAIT).toBe(5);
      }
      // Clean at both widths: the phone layout (tables as cards, compact header) is scanned too.
      const found = await seriousAccessibilityViolations(page);
      await page.setViewportSize(PHONE);
      const onPhone = await seriousAccessibilityViolations(page);
      await page.setViewportSize(DESKTOP);
      if (found.length || onPhone.length) violations[name] = [...found, ...onPhone];
      expect(await page.title()).toBe(`${heading} · offramp`);
      await screenshotBothWidths(page, name);
    }
    await leave(session);
    expect(violations).toEqual({});
    expect(consoleErrors).toEqual([]);
  });
});
