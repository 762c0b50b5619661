// The Policy page in a real browser against the built product: an admin lowers the at-risk
// threshold, sees which client the draft would put at risk, activates it with a reason, and sees a
// client move to the at-risk queue live under the new policy, its timeline naming the version.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signToken } from '../../../apps/ops-api/src/auth/caller';
import { signInLink } from '../../../apps/dashboard/src';
import { launchBrowser, openPage, screenshotBothWidths, seriousAccessibilityViolations } from '../../support/browser';
import { startProduct, type ProductProcess } from '../../support/product-process';
import { sendInput, type InputPath } from '../api/contract-client';

const SECRET = 'policy-page-e2e-secret-of-at-least-32-chars';
const TEAM = 'team-p';
const token = (sub: string, role: 'viewer' | 'manager' | 'admin') => signToken({ sub, teamId: TEAM, role }, SECRET, '1h');
const WAIT = { timeout: 30_000 };

let product: ProductProcess;
let browser: Browser;

/** Sets the scene through the generated client of the ops API, as an integration would. */
async function api(path: InputPath, body: unknown) {
  return sendInput(product.baseUrl, token('ops', 'manager'), path, body);
}

beforeAll(async () => {
  product = await startProduct({ env: { JWT_SECRET: SECRET, LOG_LEVEL: 'warn' } });
  browser = await launchBrowser();
  const now = new Date().toISOString();
  for (const [id, clientName] of [['globex', 'Globex Corporation'], ['initech', 'Initech']]) {
    expect((await api('/v1/commands', { id: `open-${id}`, type: 'relationship.open', relationshipId: id, issuedAt: now, data: { clientName, teamId: TEAM } })).status).toBe(202);
  }
  // Globex: three slow burners, 46 points: below the default threshold of 60.
  const signal = (id: string, type: string) => ({ id, type, relationshipId: 'globex', occurredAt: now, source: 'crm', data: {} });
  expect((await api('/v1/signals', [signal('g-1', 'price.pressure'), signal('g-2', 'scope.changed'), signal('g-3', 'scope.changed')])).status).toBe(202);
});

afterAll(async () => {
  await browser?.close();
  await product?.stop();
});

describe('the Policy page', () => {
  it('policy 5: an admin lowers the at-risk threshold, sees the affected client, activates with a reason, and the client moves to the at-risk queue live', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const { page, errors } = await openPage(context);
    await page.goto(signInLink(product.baseUrl, token('ada', 'admin')));
    await page.getByRole('heading', { name: 'Today', level: 1 }).waitFor(WAIT);

    await page.getByRole('link', { name: 'Policy', exact: true }).click();
    await page.getByRole('heading', { name: 'Policy', level: 1 }).waitFor(WAIT);
    // Every number with its meaning and its bounds.
    const threshold = page.getByLabel(/riskScore\.threshold/);
    await threshold.waitFor(WAIT);
    await page.getByRole('row', { name: /riskScore\.threshold.*1–100 points/ }).waitFor(WAIT);

    // A bound broken is refused, naming the field.
    await threshold.fill('150');
    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.getByRole('alert').filter({ hasText: 'riskScore.threshold' }).waitFor(WAIT);

    await threshold.fill('40');
    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.getByText('Draft saved.').waitFor(WAIT);

    await page.getByRole('button', { name: 'Run what-if on the draft' }).click();
    await page.getByRole('heading', { name: '1 client would change' }).waitFor(WAIT);
    const change = page.getByTestId('what-if-change');
    expect(await change.count()).toBe(1);
    await change.getByRole('link', { name: 'globex' }).waitFor(WAIT);
    await change.getByText(/Healthy.*At risk/).waitFor(WAIT);
    await change.getByRole('img', { name: /When globex is at risk/ }).waitFor(WAIT);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await screenshotBothWidths(page, 'policy-what-if');

    await page.getByLabel('Why the policy changes').fill('Our clients turn faster than the default assumes');
    await page.getByRole('button', { name: 'Activate', exact: true }).click();
    await page.getByText(`Activated ${TEAM}/1.`).waitFor(WAIT);
    await page.getByRole('listitem').filter({ hasText: 'Our clients turn faster than the default assumes' }).filter({ hasText: 'by ada (admin)' }).waitFor(WAIT);

    // Live: the next sign puts Globex at risk under the team's policy (58 ≥ 40; the default would not).
    await page.getByRole('link', { name: 'At risk', exact: true }).click();
    await page.getByText('No relationship is at risk').waitFor(WAIT);
    await page.getByRole('status').filter({ hasText: 'Live' }).waitFor(WAIT);
    const sent = await api('/v1/signals', { id: 'g-4', type: 'meeting.missed', relationshipId: 'globex', occurredAt: new Date().toISOString(), source: 'calendar', data: {} });
    expect(sent.status).toBe(202);
    await page.getByRole('link', { name: 'Globex Corporation' }).waitFor(WAIT);

    // The timeline names the version that decided it and links to it.
    await page.getByRole('link', { name: 'Globex Corporation' }).click();
    const version = page.locator('.timeline').getByRole('link', { name: `${TEAM}/1` }).first();
    await version.waitFor(WAIT);
    await version.click();
    await page.locator(`#version-${TEAM}-1`).waitFor(WAIT);
    // The one failed request is the refused draft above, which the browser logs as it fails.
    expect(errors.filter((e) => !/status of 400 .*\/v1\/policy\/draft/.test(e))).toEqual([]);
    await context.close();
  });
});
