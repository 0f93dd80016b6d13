// Enterprise self-registration: a bad credit code is refused in Chinese; a good one waits for the
// city, whose approval lets the new enterprise log in.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { logIn, newPage, useServerAndBrowser } from '../lib/fixture.js';

const fixture = useServerAndBrowser();

async function fillRegistration(page, creditCode, username) {
  await page.goto(`${fixture.server.url}/register`);
  await page.fill('#reg-name', '杭州未来智造测试有限公司');
  await page.fill('#reg-credit_code', creditCode);
  await page.selectOption('#reg-city', '330100');
  // The county list follows the city (htmx swaps in the city's counties alone); choosing before the
  // swap lands would be undone by it. Without JavaScript the form still validates the pair.
  await page.waitForFunction(() => document.querySelectorAll('#reg-county optgroup').length === 1);
  await page.locator('#reg-county option[value="330106"]').waitFor({ state: 'attached' });
  await page.selectOption('#reg-county', '330106');
  await page.selectOption('#reg-industry', '34');
  await page.check('#reg-mode-discrete');
  await page.fill('#reg-username', username);
  await page.fill('#reg-display_name', '张工');
  await page.fill('#reg-password', 'Ffe-Test-2026!');
  await page.fill('#reg-password_confirm', 'Ffe-Test-2026!');
  await page.click('#register-submit');
}

test('a credit code with a wrong check digit is refused in Chinese, and the form keeps its values', async () => {
  const { context, page } = await newPage(fixture);
  await fillRegistration(page, '91330106FFE000018A', 'newent-bad');
  const error = page.locator('#error-credit_code');
  await error.waitFor();
  const message = await error.innerText();
  assert.match(message, /校验/, message);
  assert.equal(await page.inputValue('#reg-name'), '杭州未来智造测试有限公司');
  await page.screenshot({ path: 'test-results/register-bad-code.png', fullPage: true });
  await context.close();
});

test('a valid registration waits for the city admin, then the enterprise can log in', async () => {
  const { context, page } = await newPage(fixture);
  await fillRegistration(page, '91330106FFE000018R', 'newent');
  await page.locator('#register-done').waitFor();

  // Not yet approved: the login is refused.
  await logIn(fixture, page, 'newent', 'Ffe-Test-2026!');
  await page.locator('#login-error').waitFor();

  // 杭州市经信局 approves it.
  const { context: cityContext, page: city } = await newPage(fixture, 'city-hz');
  await city.locator('#home-heading').waitFor();
  await city.goto(`${fixture.server.url}/registrations`);
  const row = city.locator('[data-testid="registration-row"]', { hasText: '杭州未来智造测试有限公司' });
  await row.waitFor();
  await row.locator('[id$="-approve"]').click();
  await city.locator('[data-testid="registration-row"]', { hasText: '杭州未来智造测试有限公司' })
    .locator('[id$="-approve"]').waitFor({ state: 'detached' });

  await logIn(fixture, page, 'newent', 'Ffe-Test-2026!');
  const heading = page.locator('#home-heading');
  await heading.waitFor();
  assert.equal(await heading.getAttribute('data-role'), 'enterprise_admin');
  assert.match(await heading.innerText(), /杭州未来智造测试有限公司/);
  await cityContext.close();
  await context.close();
});
