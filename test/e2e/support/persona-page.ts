import { join } from 'node:path';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { SCREENSHOT_DIR } from './stack.js';

const TIMEOUT = 20_000;

/** One persona's Teams chat in the playground: type, read the bot's messages and cards, click, screenshot. */
export class PersonaPage {
  private step = 0;

  private constructor(
    readonly page: Page,
    private readonly name: string,
  ) {}

  static async open(context: BrowserContext, url: string, name: string): Promise<PersonaPage> {
    const page = await context.newPage();
    page.setDefaultTimeout(TIMEOUT);
    const configLoaded = page.waitForResponse((r) => r.url().includes('/_internal/v1/config'));
    const socketOpen = page.waitForEvent('websocket', (ws) => ws.url().includes('/_ws_conversation/'));
    await page.goto(url);
    await Promise.all([configLoaded, socketOpen]);
    await page.locator('[data-lexical-editor="true"]').waitFor();
    return new PersonaPage(page, name);
  }

  /** Every bot message and card, oldest first. */
  get messages(): Locator {
    return this.page.locator('.fai-OutputCard');
  }

  get lastMessage(): Locator {
    return this.messages.last();
  }

  get lastCard(): Locator {
    return this.page.locator('.fai-OutputCard .ac-adaptiveCard').last();
  }

  /** Types a message and waits for a new bot message to appear. */
  async say(text: string): Promise<Locator> {
    await this.page.bringToFront();
    const before = await this.messages.count();
    const editor = this.page.locator('[data-lexical-editor="true"]');
    await editor.click();
    await this.page.keyboard.type(text);
    await this.page.locator('button[aria-label="Send Message"]').click();
    await this.messages.nth(before).waitFor();
    return this.lastMessage;
  }

  /** Waits until some bot message shows this text. */
  async sees(text: string | RegExp): Promise<Locator> {
    const message = this.messages.filter({ hasText: text }).last();
    try {
      await message.waitFor();
    } catch (error) {
      await this.screenshot(`FAILED-waiting-for-${String(text).slice(0, 40)}`).catch(() => undefined);
      throw error;
    }
    return message;
  }

  async click(within: Locator, button: string): Promise<void> {
    await this.page.bringToFront();
    await within.getByRole('button', { name: button }).click();
  }

  async screenshot(label: string): Promise<void> {
    this.step++;
    const file = `${this.name}-${String(this.step).padStart(2, '0')}-${label.replace(/[^a-z0-9]+/gi, '-')}.png`;
    await this.page.screenshot({ path: join(SCREENSHOT_DIR, file), fullPage: true });
  }
}
