/**
 * A browser's part in LTI flows, for Node tests: follows the LMS's login redirect, posts the forms the pages
 * would post on their own, and reads what the tool's pages hold.
 */
import assert from 'node:assert/strict';
import type { LaunchPlan, TestPlatform } from './platform/test-platform.js';

export interface Page {
  status: number;
  html: string;
}

/** The action and fields of the page's first form (hidden inputs, HTML-unescaped). */
export function formOf(html: string): { action: string; fields: URLSearchParams } {
  const action = /<form[^>]*action="([^"]*)"/.exec(html)?.[1];
  assert.ok(action !== undefined, `the page has a form: ${html.slice(0, 300)}`);
  const fields = new URLSearchParams();
  for (const m of html.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g))
    fields.append(unescape(m[1]!), unescape(m[2]!));
  return { action: unescape(action), fields };
}

function unescape(text: string): string {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

export async function postForm(url: string, fields: URLSearchParams): Promise<Page> {
  const res = await fetch(url, { method: 'POST', body: fields, redirect: 'manual' });
  return { status: res.status, html: await res.text() };
}

/** Login initiation up to the id_token form the platform returns (not yet posted to the tool). */
export async function signIn(
  platform: TestPlatform,
  toolBase: string,
  plan: LaunchPlan,
  extra: Record<string, string> = {},
): Promise<{ action: string; fields: URLSearchParams }> {
  const login = await fetch(platform.loginUrl(toolBase, plan, extra), { redirect: 'manual' });
  assert.equal(login.status, 302, `login initiation redirects to the platform: ${await login.clone().text()}`);
  const auth = await fetch(login.headers.get('location')!);
  assert.equal(auth.status, 200, `the platform answers the authentication request: ${await auth.clone().text()}`);
  return formOf(await auth.text());
}

/** A whole launch: login, authentication, and the id_token posted to the tool. */
export async function launch(platform: TestPlatform, toolBase: string, plan: LaunchPlan): Promise<Page> {
  const { action, fields } = await signIn(platform, toolBase, plan);
  return postForm(action, fields);
}

/** The academy token a launch page hands to `<lta-academy>`. */
export function academyTokenOf(page: Page): string {
  const token = /<lta-academy [^>]*token="([^"]+)"/.exec(page.html)?.[1];
  assert.ok(token, `the launch page signs the learner in: ${page.status} ${page.html.slice(0, 500)}`);
  return token;
}

/** The message of a refusal page. */
export function refusalOf(page: Page): string {
  return unescape(
    /<p role="alert">([^<]*)<\/p>/.exec(page.html)?.[1] ?? `(no refusal: ${page.status} ${page.html.slice(0, 200)})`,
  );
}
