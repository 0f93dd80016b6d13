// Each demo role logs in, lands on its own home, and logs out; bad passwords are refused in Chinese.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { logIn, newPage, useServerAndBrowser } from '../lib/fixture.js';

const PASSWORD = 'demo1234!';
const ACCOUNTS = [
  { username: 'province', role: 'province_admin', heading: '省经信厅' },
  { username: 'city-hz', role: 'city_admin', heading: '杭州' },
  { username: 'city-nb', role: 'city_admin', heading: '宁波' },
  { username: 'expert1', role: 'expert', heading: '评审专家' },
  { username: 'expert2', role: 'expert', heading: '评审专家' },
  { username: 'expert3', role: 'expert', heading: '评审专家' },
  { username: 'ent1', role: 'enterprise_admin', heading: '企业工作台' },
  { username: 'ent2', role: 'enterprise_admin', heading: '企业工作台' },
  { username: 'ent3', role: 'enterprise_admin', heading: '企业工作台' },
];

const fixture = useServerAndBrowser();

describe('demo roles', () => {
  for (const account of ACCOUNTS) {
    test(`${account.username} sees the ${account.role} home and logs out`, async () => {
      const { context, page } = await newPage(fixture, account.username, PASSWORD);
      const heading = page.locator('#home-heading');
      await heading.waitFor();
      assert.equal(await heading.getAttribute('data-role'), account.role);
      assert.match(await heading.innerText(), new RegExp(account.heading));

      await page.click('#logout-button');
      await page.locator('#nav-login').waitFor();
      // The session is gone on the server too: the home page now asks to log in.
      await page.goto(`${fixture.server.url}/home`);
      await page.locator('#login-form').waitFor();
      await context.close();
    });
  }

  test('a wrong password is refused with a Chinese message', async () => {
    const { context, page } = await newPage(fixture);
    await logIn(fixture, page, 'ent1', 'not-the-password');
    const error = page.locator('#login-error');
    await error.waitFor();
    assert.match(await error.innerText(), /[\u4e00-\u9fff]/);
    assert.equal(await page.locator('#home-heading').count(), 0);
    await context.close();
  });

  test('the English switch translates the page', async () => {
    const { context, page } = await newPage(fixture, 'province', PASSWORD);
    await page.locator('#home-heading').waitFor();
    await page.click('#lang-en');
    await page.locator('#home-heading', { hasText: 'Province' }).waitFor();
    await page.screenshot({ path: 'test-results/province-home-en.png', fullPage: true });
    await page.click('#lang-zh');
    await page.locator('#home-heading', { hasText: '省经信厅' }).waitFor();
    await context.close();
  });
});
