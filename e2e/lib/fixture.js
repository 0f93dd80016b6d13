// One server and one browser for a test file, started before its tests and stopped after them.
import { after, before } from 'node:test';

import { launch } from './browser.js';
import { startServer } from './server.js';

export function useServerAndBrowser() {
  const fixture = { server: null, browser: null };
  before(async () => {
    fixture.server = await startServer();
    fixture.browser = await launch();
  });
  after(async () => {
    await fixture.browser?.close();
    await fixture.server?.stop();
  });
  return fixture;
}

/** A fresh Chinese-locale page, logged in as `username` when given. */
export async function newPage(fixture, username, password = 'demo1234!') {
  const context = await fixture.browser.newContext({ locale: 'zh-CN' });
  const page = await context.newPage();
  if (username) await logIn(fixture, page, username, password);
  return { context, page };
}

export async function logIn(fixture, page, username, password) {
  await page.goto(`${fixture.server.url}/login`);
  await page.fill('#login-username', username);
  await page.fill('#login-password', password);
  await page.click('#login-submit');
}
