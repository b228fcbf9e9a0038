import { createWriteStream, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import type { User } from '../../../src/domain/model.js';
import { startPlayground } from '../../../src/local/playground.js';
import { PROJECT_ROOT } from '../../../src/paths.js';
import { DEMO_PERSONAS, demoWorld } from '../../../src/store/demo-world.js';
import { PersonaPage } from './persona-page.js';
import { freePort, ProcessRegistry, waitForHttp } from './processes.js';

export const SCREENSHOT_DIR = join(PROJECT_ROOT, 'test-results', 'e2e');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The real bot in local mode on a fresh data file, one playground per persona, and one headless Chromium. */
export class E2EStack {
  private readonly processes = new ProcessRegistry();
  private readonly dir = mkdtempSync(join(tmpdir(), 'partner-desk-e2e-'));
  private context: BrowserContext | undefined;
  private botUrl = '';
  private readonly users = (demoWorld(new Date()).users ?? []) as User[];
  readonly pages = new Map<string, PersonaPage>();

  async start(): Promise<void> {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    const port = await freePort();
    this.botUrl = `http://127.0.0.1:${port}`;
    const bot = this.processes.spawn(process.execPath, [join(PROJECT_ROOT, 'dist', 'src', 'index.js')], {
      ...process.env,
      NODE_ENV: 'development',
      MicrosoftAppId: '',
      MicrosoftAppPassword: '',
      PORT: String(port),
      STORE_FILE: join(this.dir, 'store.json'),
      PUBLIC_URL: this.botUrl,
      // Reminders arriving in the middle of a journey would make "the bot's answer" ambiguous.
      EXPIRY_GUARDIAN: 'false',
    });
    const log = createWriteStream(join(SCREENSHOT_DIR, 'bot.log'));
    bot.stdout?.pipe(log);
    bot.stderr?.pipe(log);
    await waitForHttp(`${this.botUrl}/healthz`);
    this.context = await chromium.launchPersistentContext(join(this.dir, 'chromium-profile'), {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
        '--disable-sync',
      ],
      viewport: { width: 1280, height: 1000 },
    });
    // The playground UI tries to load fonts from a CDN; only loopback is allowed.
    await this.context.route('**/*', (route) => {
      const host = new URL(route.request().url()).hostname;
      return host === '127.0.0.1' || host === 'localhost' ? route.continue() : route.abort();
    });
  }

  /** Opens (once) the playground acting as this demo persona. */
  async as(personaKey: string): Promise<PersonaPage> {
    const existing = this.pages.get(personaKey);
    if (existing) {
      await existing.page.bringToFront();
      return existing;
    }
    const persona = DEMO_PERSONAS.find((p) => p.key === personaKey);
    const user = this.users.find((u) => u.id === persona?.userId);
    if (!persona || !user || !this.context) throw new Error(`Unknown persona ${personaKey}`);
    const playground = await startPlayground({
      name: personaKey,
      user,
      colleagues: this.users,
      port: await freePort(),
      botEndpoint: `${this.botUrl}/api/messages`,
      workDir: join(this.dir, 'playgrounds'),
    });
    this.processes.add(playground.child);
    const page = await PersonaPage.open(this.context, playground.url, personaKey);
    this.pages.set(personaKey, page);
    return page;
  }

  /** A plain browser tab in the same browser (for links people open outside Teams, like the invitation page). */
  async newPage(): Promise<Page> {
    if (!this.context) throw new Error('The stack is not started');
    return this.context.newPage();
  }

  async stop(): Promise<void> {
    // The last view of every persona, for whoever reads a failed run.
    for (const page of this.pages.values()) await page.screenshot('final').catch(() => undefined);
    await this.context?.close().catch(() => undefined);
    await this.processes.stopAll();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
