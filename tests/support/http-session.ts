// Signs in through the real login form of an app under test and reads the session's CSRF token
// from a page, as a browser would.
import { expect } from 'vitest';
import type { App } from '../../src/http/app.js';

export interface FormSession {
  readonly cookie: string;
  readonly csrf: string;
}

export const SAME_ORIGIN = { origin: 'http://localhost' } as const;

export function postLogin(app: App, username: string, password: string) {
  return app.request('/login', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...SAME_ORIGIN },
    body: new URLSearchParams({ username, password, next: '/' }).toString(),
  });
}

export async function signInForm(app: App, username: string, password: string, csrfPage = '/'): Promise<FormSession> {
  const response = await postLogin(app, username, password);
  expect(response.status).toBe(303);
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0]!;
  expect(cookie).toMatch(/^langnghe_session=/);
  const page = await (await app.request(csrfPage, { headers: { cookie } })).text();
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page)?.[1];
  expect(csrf).toBeDefined();
  return { cookie, csrf: csrf! };
}
