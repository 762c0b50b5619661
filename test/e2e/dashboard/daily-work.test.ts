// A team's morning in a real browser against the built product: Today from a history seeded in
// the past (the engine decides in event time and the durable timers have fired by now), opening
// a relationship from the page, a repair started through its form, closing contact only after a
// confirmation, search that ignores accents, CSV exports that parse, webhooks with a test
// delivery, and signing in with a link in an open tab or pasted whole. axe-clean at both widths.
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { addDays, format, subDays } from 'date-fns';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signToken } from '../../../apps/ops-api/src/auth/caller';
import { signInLink } from '../../../apps/dashboard/src';
import { DESKTOP, launchBrowser, openPage, PHONE, screenshotBothWidths, seriousAccessibilityViolations, type AxeViolation } from '../../support/browser';
import { startProduct, type ProductProcess } from '../../support/product-process';
import { sendInput, type InputPath } from '../api/contract-client';

const SECRET = 'daily-work-e2e-secret-of-at-least-32-chars';
const TEAM = 'team-daily';
const token = (sub: string, role: 'viewer' | 'manager' | 'admin', teamId = TEAM) => signToken({ sub, teamId, role }, SECRET, '1h');
const WAIT = { timeout: 30_000 };

let product: ProductProcess;
let browser: Browser;
let receiver: Server;
let receiverUrl: string;
const received: string[] = [];
const violations: Record<string, AxeViolation[]> = {};

/** Sets the scene through the generated client of the ops API, as an integration would. */
async function api(path: InputPath, body: unknown, bearer = token('ops', 'manager')) {
  return sendInput(product.baseUrl, bearer, path, body);
}

const ago = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();
let seq = 0;
const open = (id: string, clientName: string, at: string) => ({ id: `open-${id}`, type: 'relationship.open', relationshipId: id, issuedAt: at, data: { clientName, teamId: TEAM } });
const cmd = (relationshipId: string, type: string, at: string, data: Record<string, unknown>) => ({ id: `c-${++seq}-${relationshipId}`, type, relationshipId, issuedAt: at, data });
const sig = (relationshipId: string, type: string, at: string, data: Record<string, unknown> = {}) => ({ id: `s-${++seq}`, type, relationshipId, occurredAt: at, source: 'crm', data });

/** A history in the past: a repair whose review day has passed, a proposal whose cooling-off has ended, a fresh at-risk client, a red-flag exit served. */
async function seed(): Promise<void> {
  const inputs: [InputPath, unknown][] = [
    ['/v1/commands', open('zurich', 'Zürich Versicherung', ago(10))],
    ['/v1/signals', sig('zurich', 'dishonesty.detected', ago(9))],
    ['/v1/commands', cmd('zurich', 'repair.start', ago(9), { strategy: 'self_reflection', ownerId: 'maria', reviewOn: format(subDays(new Date(), 2), 'yyyy-MM-dd') })],
    ['/v1/commands', open('cedar', 'Cedar & Co', ago(10))],
    ['/v1/commands', cmd('cedar', 'termination.propose', ago(6), { reason: 'We cannot staff their schedule.' })],
    ['/v1/commands', open('glacier', 'Glacier Foods', ago(3))],
    ['/v1/signals', sig('glacier', 'dishonesty.detected', ago(0.01))],
    ['/v1/commands', open('umbra', 'Umbra Studio', ago(4))],
    ['/v1/signals', sig('umbra', 'abuse.physical', ago(3))],
    ['/v1/commands', cmd('umbra', 'contract.review', ago(2.5), { terminationAllowed: true, looseEnds: [], paidWorkDelivered: true })],
    ['/v1/commands', cmd('umbra', 'notice.serve', ago(2), { reason: 'Violence against our staff.', channel: 'phone', noticeDays: 0 })],
    ['/v1/commands', cmd('umbra', 'offboarding.complete_step', ago(1), { step: 'transition_plan' })],
  ];
  for (const [path, body] of inputs) expect(await api(path, body), JSON.stringify(body)).toMatchObject({ status: 202 });
}

async function signedIn(bearer: string, viewport = DESKTOP): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport, acceptDownloads: true });
  const { page, errors } = await openPage(context);
  await page.goto(signInLink(product.baseUrl, bearer));
  await page.getByRole('heading', { name: 'Today', level: 1 }).waitFor(WAIT);
  return { context, page, errors };
}

/** axe at both widths, then the two screenshots. */
async function scanAndShoot(page: Page, name: string): Promise<void> {
  await page.getByText('Loading').first().waitFor({ ...WAIT, state: 'detached' });
  const found = await seriousAccessibilityViolations(page);
  await page.setViewportSize(PHONE);
  const onPhone = await seriousAccessibilityViolations(page);
  await page.setViewportSize(DESKTOP);
  if (found.length || onPhone.length) violations[name] = [...found, ...onPhone];
  await screenshotBothWidths(page, name);
}

/** RFC 4180, enough for the export: quoted fields with doubled quotes, CRLF rows. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (c === '"') quoted = false; else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; } else if (c === '\n') { row.push(field.replace(/\r$/, '')); rows.push(row); row = []; field = ''; } else field += c;
  }
  return rows;
}

async function downloadCsv(page: Page, scope: ReturnType<Page['locator']> | Page): Promise<string[][]> {
  const [download] = await Promise.all([page.waitForEvent('download', WAIT), scope.getByRole('button', { name: 'Download CSV' }).click()]);
  return parseCsv(await readFile((await download.path())!, 'utf8'));
}

beforeAll(async () => {
  product = await startProduct({ env: { JWT_SECRET: SECRET, LOG_LEVEL: 'warn', TIMER_POLL_MS: '200' } });
  browser = await launchBrowser();
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => { body += c.toString('utf8'); });
    req.on('end', () => { received.push(body); res.writeHead(200).end(); });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  await seed();
});

afterAll(async () => {
  receiver?.close();
  await browser?.close();
  await product?.stop();
});

describe('daily work in the dashboard', () => {
  it('Today lists the review that is due and the cooling-off that has ended, each with its action', async () => {
    const { page, context, errors } = await signedIn(token('maria', 'manager'));
    expect(await page.title()).toBe('Today · offramp');
    const reviews = page.getByRole('region', { name: /Repair reviews due/ });
    await reviews.getByRole('link', { name: 'Zürich Versicherung' }).waitFor(WAIT);
    await reviews.getByText('yours').waitFor(WAIT);
    const cooling = page.getByRole('region', { name: /Cooling-off ended/ });
    await cooling.getByRole('link', { name: 'Cedar & Co' }).waitFor(WAIT);
    await cooling.getByText('Still blocked: The contract has not been reviewed').waitFor(WAIT);
    await page.getByRole('region', { name: /Turned at risk/ }).getByRole('link', { name: 'Glacier Foods' }).waitFor(WAIT);
    await page.getByRole('region', { name: /Notice periods ending/ }).getByRole('link', { name: 'Umbra Studio' }).waitFor(WAIT);
    await scanAndShoot(page, 'today');
    // The action link leads to the relationship, at the form it needs.
    await reviews.getByRole('link', { name: 'Conclude the repair' }).click();
    await page.getByRole('heading', { name: 'Conclude the repair' }).waitFor(WAIT);
    expect(await page.title()).toBe('Zürich Versicherung · offramp');
    await context.close();
    expect(errors).toEqual([]);
  });

  it('opens a relationship from the page, with its contract and account owner, checked field by field', async () => {
    const { page, context, errors } = await signedIn(token('maria', 'manager'));
    await page.goto(`${product.baseUrl}/relationships/new`);
    await page.getByLabel('Client name').fill('Basalt Ltd');
    expect(await page.getByLabel('Relationship id').inputValue()).toBe('basalt-ltd');
    await page.getByLabel('Account owner (optional)').fill('maria');
    await page.getByLabel('Notice period (days)').fill('45');
    // A contract needs its start: the browser says so before anything is sent.
    await page.getByRole('button', { name: 'Open relationship' }).click();
    expect(await page.getByLabel('Starts on').evaluate((el) => (el as unknown as { validity: { valueMissing: boolean } }).validity.valueMissing)).toBe(true);
    await page.getByLabel('Starts on').fill(format(new Date(), 'yyyy-MM-dd'));
    await page.getByLabel('Notice period (days)').fill('99999');
    await page.getByRole('button', { name: 'Open relationship' }).click();
    // The engine's refusal is shown under the field it names.
    await page.locator('#new-noticeDays-error').waitFor(WAIT);
    await page.getByLabel('Notice period (days)').fill('45');
    await scanAndShoot(page, 'new-relationship');
    await page.getByRole('button', { name: 'Open relationship' }).click();
    await page.getByRole('heading', { name: 'Basalt Ltd', level: 1 }).waitFor(WAIT);
    await page.locator('.rel-head').getByText('Account owner: maria').waitFor(WAIT);
    // A note on its timeline, with who wrote it.
    await page.getByLabel(/^Note/).fill('Kick-off went well; Dana is our contact.');
    await page.getByRole('button', { name: 'Add note' }).click();
    await page.locator('.timeline').getByText('Kick-off went well; Dana is our contact.').waitFor(WAIT);
    await page.locator('.timeline').getByText('Note added', { exact: true }).waitFor(WAIT);
    // The "Done." of the note goes when the relationship moves on.
    const noteForm = page.getByRole('region', { name: 'Add a note' });
    await noteForm.getByText('Done.').waitFor(WAIT);
    await page.getByLabel('Who looks after this account').fill('ana');
    await page.getByRole('button', { name: 'Assign owner' }).click();
    await page.locator('.rel-head').getByText('Account owner: ana').waitFor(WAIT);
    await noteForm.getByText('Done.').waitFor({ ...WAIT, state: 'detached' });
    await context.close();
    expect(errors.filter((e) => !/status of 400/.test(e))).toEqual([]);
  });

  it('starts a repair from the queue through its form: owner and review date, prefilled and editable', async () => {
    const { page, context } = await signedIn(token('maria', 'manager'));
    await page.getByRole('link', { name: 'At risk', exact: true }).click();
    const entry = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Glacier Foods' }) });
    await entry.getByRole('button', { name: /Start repair: Self-reflection/ }).click();
    const form = entry.getByRole('form', { name: /Start repair: Self-reflection/ });
    expect(await form.getByLabel('Owner').inputValue()).toBe('maria');
    expect(await form.getByLabel('Review on').inputValue()).toBe(format(addDays(new Date(), 14), 'yyyy-MM-dd'));
    await scanAndShoot(page, 'at-risk-start-repair');
    // Cancel sends nothing.
    await form.getByRole('button', { name: 'Cancel' }).click();
    await entry.getByRole('button', { name: /Start repair: Self-reflection/ }).click();
    await form.getByLabel('Owner').fill('ana');
    const review = format(addDays(new Date(), 7), 'yyyy-MM-dd');
    await form.getByLabel('Review on').fill(review);
    await form.getByRole('button', { name: 'Start this repair' }).click();
    await entry.getByText(`Repair under way: Self-reflection, owner ana, review on ${review}.`).waitFor(WAIT);
    await context.close();
  });

  it('asks before closing contact, saying what will happen; cancelling sends nothing', async () => {
    const { page, context } = await signedIn(token('maria', 'manager'));
    await page.goto(`${product.baseUrl}/relationships/umbra`);
    await page.getByTestId('state').filter({ hasText: 'Notice (served)' }).waitFor(WAIT);
    await page.getByRole('button', { name: 'Close contact', exact: true }).click();
    const dialog = page.getByRole('alertdialog');
    await dialog.getByText(/Closing contact is the last step.*cannot be undone/).waitFor(WAIT);
    await screenshotBothWidths(page, 'close-contact-confirmation');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(await page.locator('.timeline').getByText('Offboarding step completed: contact closed').count()).toBe(0);
    await page.getByRole('button', { name: 'Close contact', exact: true }).click();
    await page.getByRole('button', { name: 'Yes, close contact' }).click();
    await page.getByTestId('state').filter({ hasText: 'Offboarded' }).waitFor(WAIT);
    await context.close();
  });

  it('finds "Zürich" when searching "zur", and exports the board and the queue as CSV with the right rows', async () => {
    const { page, context } = await signedIn(token('maria', 'manager'));
    await page.getByRole('link', { name: 'Portfolio', exact: true }).click();
    await page.getByLabel('Client name').fill('zur');
    await page.getByText('1 relationship', { exact: true }).waitFor(WAIT);
    await page.getByRole('link', { name: 'Zürich Versicherung' }).waitFor(WAIT);
    const filtered = await downloadCsv(page, page);
    expect(filtered.map((r) => r[0])).toEqual(['relationshipId', 'zurich']);
    await page.getByLabel('Client name').fill('');
    await page.getByText('5 relationships', { exact: true }).waitFor(WAIT);
    await page.getByLabel('Sort by').selectOption('name');
    await expect.poll(() => page.locator('.card h2').first().textContent(), WAIT).toBe('Basalt Ltd');
    const board = await downloadCsv(page, page);
    expect(board[0]).toEqual(['relationshipId', 'clientName', 'state', 'phase', 'riskScore', 'topReasons', 'accountOwner', 'repairOwner', 'updatedAt']);
    expect(board.slice(1).map((r) => r[0]).sort()).toEqual(['basalt-ltd', 'cedar', 'glacier', 'umbra', 'zurich']);
    expect(board.find((r) => r[0] === 'cedar')![1]).toBe('Cedar & Co');
    await page.getByRole('link', { name: 'At risk', exact: true }).click();
    await page.getByRole('heading', { name: 'Glacier Foods' }).waitFor(WAIT);
    const queue = await downloadCsv(page, page);
    expect(queue[0]![0]).toBe('relationshipId');
    expect(queue.slice(1).map((r) => [r[0], r[2]]).sort()).toEqual([['glacier', 'repair_attempt'], ['zurich', 'repair_attempt']]);
    await context.close();
  });

  it('subscribes a webhook, sends a test delivery and shows it in the log', async () => {
    const { page, context } = await signedIn(token('ada', 'admin'));
    await page.getByRole('link', { name: 'Webhooks', exact: true }).click();
    await page.getByLabel('URL').fill(receiverUrl);
    await page.getByRole('button', { name: 'Subscribe' }).click();
    await page.getByTestId('webhook-secret').waitFor(WAIT);
    const item = page.getByRole('listitem', { name: receiverUrl });
    await item.getByRole('button', { name: 'Send a test' }).click();
    await item.getByText(/Test delivered: HTTP 200/).waitFor(WAIT);
    expect(received.some((b) => b.includes('offramp.webhook.test'))).toBe(true);
    await item.getByText('Delivery log').click();
    await item.getByRole('cell', { name: 'delivered' }).first().waitFor(WAIT);
    await scanAndShoot(page, 'webhooks');
    await context.close();
  });

  it('signs in from a link opened in a tab that is already open, and from the whole link pasted', async () => {
    const { page, context } = await signedIn(token('maria', 'manager'));
    await page.getByText('maria · team team-daily · manager').waitFor(WAIT);
    // Pasting another link into the address bar of the open tab only changes the fragment.
    await page.evaluate((hash) => { (globalThis as unknown as { location: { hash: string } }).location.hash = hash; }, `#token=${encodeURIComponent(token('ada', 'admin'))}`);
    await page.getByText('ada · team team-daily · admin').waitFor(WAIT);
    expect(page.url()).not.toContain('token=');
    await page.getByRole('button', { name: 'Sign out' }).click();
    const box = page.getByLabel('Sign-in link or token');
    await box.fill(signInLink(product.baseUrl, token('vic', 'viewer')));
    await scanAndShoot(page, 'sign-in');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('vic · team team-daily · viewer').waitFor(WAIT);
    await context.close();
  });

  it('has no serious accessibility violation on the new views at either width', () => {
    expect(violations).toEqual({});
  });
});
