import { type Browser, type BrowserContext, type Locator, type Page, expect } from '@playwright/test';

/**
 * An end user at a realm's sign-in pages, in a browser context of their own (no console session), driven through
 * labels and roles only. The context ignores the test SP's self-signed certificate, and collects the CSP
 * violations of the sign-in pages (expectNoCspViolations).
 */
export class EndUser {
  readonly cspViolations: string[] = [];

  private constructor(
    readonly context: BrowserContext,
    readonly page: Page,
    readonly slug: string,
  ) {}

  static async open(browser: Browser, slug: string, cookies: Parameters<BrowserContext['addCookies']>[0] = []): Promise<EndUser> {
    const context = await browser.newContext({ ignoreHTTPSErrors: true });
    if (cookies.length) await context.addCookies(cookies);
    const user = new EndUser(context, await context.newPage(), slug);
    context.on('console', (message) => {
      if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) user.cspViolations.push(message.text());
    });
    return user;
  }

  async goto(path = ''): Promise<void> {
    await this.page.goto(`/sso/${this.slug}${path}`);
  }

  get alert(): Locator {
    return this.page.getByRole('alert');
  }

  private async submit(): Promise<void> {
    await this.page.getByRole('button', { name: /^(Sign in|Continue|Verify|Verify and finish setup)$/ }).click();
  }

  async username(username: string, device?: 'private' | 'public'): Promise<void> {
    await this.page.getByLabel('Username').fill(username);
    if (device) await this.page.getByLabel(device === 'private' ? 'This is a private device' : 'This is a public or shared device').check();
    await this.submit();
  }

  async credentials(username: string, password: string): Promise<void> {
    await this.page.getByLabel('Username').fill(username);
    await this.page.getByLabel('Password').fill(password);
    await this.submit();
  }

  async password(password: string): Promise<void> {
    await this.page.getByLabel('Password').fill(password);
    await this.submit();
  }

  async chooseMethod(label: string | RegExp): Promise<void> {
    await this.page.getByLabel(label).check();
    await this.page.getByRole('button', { name: 'Continue' }).click();
  }

  async code(code: string): Promise<void> {
    await this.page.getByLabel(/^Passcode/).fill(code);
    await this.submit();
  }

  /** The key the enrolment page shows (spaces removed). */
  async totpSecret(): Promise<string> {
    return ((await this.page.getByLabel('Secret key').textContent()) ?? '').replace(/\s/g, '');
  }

  async expectWelcome(nameId: string): Promise<void> {
    await expect(this.page.getByRole('heading', { name: `Welcome ${nameId}` })).toBeVisible();
  }

  async close(): Promise<void> {
    expect(this.cspViolations, 'Content-Security-Policy violations on the sign-in pages').toEqual([]);
    await this.context.close();
  }
}
