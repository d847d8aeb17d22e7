// A signed-in page at phone width (375 px) through the real login form, collecting what would
// show a broken page: script errors, console errors (a CSP violation is one) and dialogs.
import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';

export const PHONE_WIDTH = 375;

export async function signInOnPhone(browser: Browser, base: string, username: string, password = 'mat-khau-dai-du'): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: PHONE_WIDTH, height: 740 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('dialog', (d) => {
    errors.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  await page.goto(`${base}/login`);
  await page.fill('input[name=username]', username);
  await page.fill('input[name=password]', password);
  await page.click('main button[type=submit]');
  await page.waitForURL(`${base}/`);
  return { page, errors };
}

/** The page is no wider than the phone; `what` names the page in a failure. */
export async function expectNoHorizontalScroll(page: Page, what?: string): Promise<void> {
  expect(await page.evaluate(() => document.documentElement.scrollWidth), what).toBeLessThanOrEqual(PHONE_WIDTH);
}
