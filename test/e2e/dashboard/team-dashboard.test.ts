// The team dashboard in a real browser against the built product: from a new relationship on the
// board, through a warning, a failed repair and a guarded notice overridden by an admin, to the exit.
import { addDays } from 'date-fns';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signToken } from '../../../apps/ops-api/src/auth/caller';
import { signInLink } from '../../../apps/dashboard/src';
import { launchBrowser, openPage, screenshotBothWidths, seriousAccessibilityViolations } from '../../support/browser';
import { startProduct, type ProductProcess } from '../../support/product-process';

const SECRET = 'dashboard-e2e-secret-of-at-least-32-chars';
const TEAM = 'team-a';
const token = (sub: string, role: 'viewer' | 'manager' | 'admin', teamId = TEAM) => signToken({ sub, teamId, role }, SECRET, '1h');
const WAIT = { timeout: 15_000 };

let product: ProductProcess;
let browser: Browser;
const consoleErrors: string[] = [];

async function api(path: string, body: unknown, bearer = token('ops', 'manager')): Promise<Response> {
  return fetch(`${product.baseUrl}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${bearer}` }, body: JSON.stringify(body) });
}

async function signedIn(bearer: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const { page, errors } = await openPage(context);
  page.on('close', () => consoleErrors.push(...errors));
  await page.goto(signInLink(product.baseUrl, bearer));
  await page.getByRole('heading', { name: 'Portfolio' }).waitFor(WAIT);
  return { context, page };
}

const stateBadge = (page: Page) => page.getByTestId('state');

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
    const { context, page } = await signedIn(token('maria', 'manager'));
    expect(page.url()).not.toContain('token=');

    // The new relationship is on the board.
    await page.getByRole('link', { name: 'Acme Widgets' }).waitFor(WAIT);

    // A verbal-abuse signal moves it into the at-risk queue without a reload, with the reason in words.
    await page.getByRole('link', { name: 'At risk', exact: true }).click();
    await page.getByText('No relationship is at risk').waitFor(WAIT);
    const sent = await api('/v1/signals', { id: 'chat-1', type: 'abuse.verbal', relationshipId: 'acme', occurredAt: new Date().toISOString(), source: 'chat', data: { description: 'belittling remark in a call' } });
    expect(sent.status).toBe(202);
    await page.getByText('Verbal abuse or belittling remarks').waitFor(WAIT);

    // Start the suggested repair with one click.
    await page.getByRole('button', { name: /Start repair: Self-reflection/ }).click();
    await page.getByText('Repair under way').waitFor(WAIT);

    // Fail it, then propose termination: serving notice is blocked by cooling-off, with its end.
    await page.getByRole('link', { name: 'Acme Widgets' }).click();
    await expect.poll(() => stateBadge(page).textContent(), WAIT).toBe('Repair attempt');
    await page.getByLabel('Failed').check();
    await page.getByRole('button', { name: 'Conclude repair' }).click();
    await expect.poll(() => stateBadge(page).textContent(), WAIT).toBe('At risk');
    await page.getByLabel('Reason', { exact: true }).first().fill('Abusive remarks after a warning');
    await page.getByRole('button', { name: 'Propose termination' }).click();
    await expect.poll(() => stateBadge(page).textContent(), WAIT).toBe('Notice (preparing)');
    await page.getByText(/Cooling-off ends in 7[12] h/).waitFor(WAIT);
    expect(await page.getByRole('button', { name: 'Serve notice' }).isDisabled()).toBe(true);
    await context.close();

    // An admin overrides the guard with a reason; the timeline shows who and why.
    const admin = await signedIn(token('ada', 'admin'));
    await admin.page.goto(`${product.baseUrl}/relationships/acme`);
    await admin.page.getByRole('button', { name: 'Record review' }).click();
    await admin.page.getByRole('heading', { name: 'Serve notice' }).waitFor(WAIT);
    await admin.page.getByLabel('The one reason you give').fill('The working relationship is no longer respectful');
    await admin.page.getByLabel('Notice days (empty: the contract’s, else 30)').fill('1');
    await admin.page.getByRole('button', { name: 'Serve notice (override)' }).click();
    await admin.page.getByLabel(/Why override/).fill('Client asked us to end it this week');
    await admin.page.getByRole('button', { name: 'Override and serve notice' }).click();
    await expect.poll(() => stateBadge(admin.page).textContent(), WAIT).toBe('Notice (served)');
    await admin.page.getByText(/Override by ada.*Client asked us to end it this week/).waitFor(WAIT);

    // The checklist, completed after the notice period has run (the page's clock moves on two days).
    await admin.page.clock.setSystemTime(addDays(new Date(), 2));
    for (let i = 0; i < 8 && (await admin.page.getByRole('button', { name: 'Mark step complete' }).count()) > 0; i++) {
      const before = await admin.page.getByText(/Exit checklist: \d+ of/).textContent();
      if (await admin.page.getByRole('option', { name: /optional/ }).count() === (await admin.page.getByRole('option').count())) break;
      await admin.page.getByRole('button', { name: 'Mark step complete' }).click();
      await expect.poll(() => admin.page.getByText(/Exit checklist: \d+ of/).textContent(), WAIT).not.toBe(before);
    }
    await admin.page.getByRole('button', { name: 'Close contact', exact: true }).click();
    await expect.poll(() => stateBadge(admin.page).textContent(), WAIT).toBe('Offboarded');
    const timeline = admin.page.locator('.timeline');
    for (const step of ['Relationship opened', 'Repair started', 'Termination proposed', 'Guard overridden', 'Notice served', 'Relationship offboarded']) {
      await timeline.getByText(step, { exact: false }).first().waitFor(WAIT);
    }
    await admin.context.close();
  });

  it('shows a viewer no action controls and keeps another team out', async () => {
    const viewer = await signedIn(token('vic', 'viewer'));
    await viewer.page.goto(`${product.baseUrl}/relationships/acme`);
    await viewer.page.getByRole('heading', { name: 'Acme Widgets' }).waitFor(WAIT);
    expect(await viewer.page.getByRole('heading', { name: 'What you can do now' }).count()).toBe(0);
    expect(await viewer.page.getByRole('button', { name: /Start repair|Propose|Serve/ }).count()).toBe(0);
    await viewer.context.close();

    const foreign = await signedIn(token('finn', 'admin', 'team-b'));
    await foreign.page.goto(`${product.baseUrl}/relationships/acme`);
    await foreign.page.getByText('This relationship does not exist in your team').waitFor(WAIT);
    expect(await foreign.page.getByRole('heading', { name: 'Acme Widgets' }).count()).toBe(0);
    await foreign.context.close();
  });

  it('never shows the page without a token, and forgets it on sign-out', async () => {
    const context = await browser.newContext();
    const { page, errors } = await openPage(context);
    await page.goto(`${product.baseUrl}/board`);
    await page.getByLabel('Bearer token').waitFor(WAIT);
    await page.goto(signInLink(product.baseUrl, token('maria', 'manager')));
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.reload();
    await page.getByLabel('Bearer token').waitFor(WAIT);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('passes an accessibility scan on every view, at desktop and phone width, without console errors', async () => {
    const { context, page } = await signedIn(token('maria', 'manager'));
    const views = [['board', '/board', 'Portfolio'], ['at-risk', '/at-risk', 'At risk'], ['relationship', '/relationships/acme', 'Acme Widgets'], ['notice', '/notice', 'Notice tracker'], ['pareto', '/pareto', 'Pareto of trouble'], ['exit-lessons', '/exit-lessons', 'Exit lessons']] as const;
    const violations: Record<string, unknown[]> = {};
    for (const [name, path, heading] of views) {
      await page.goto(`${product.baseUrl}${path}`);
      await page.getByRole('heading', { name: heading, exact: true, level: 1 }).waitFor(WAIT);
      await page.getByText('Loading').first().waitFor({ state: 'detached', timeout: 15_000 }).catch(() => {});
      const found = await seriousAccessibilityViolations(page);
      if (found.length) violations[name] = found;
      await screenshotBothWidths(page, name);
    }
    await context.close();
    expect(violations).toEqual({});
    expect(consoleErrors).toEqual([]);
  });
});
