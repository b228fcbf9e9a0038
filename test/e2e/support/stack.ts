import { execFile, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import type { User } from '../../../src/domain/model.js';
import { startPlayground } from '../../../src/local/playground.js';
import { PROJECT_ROOT } from '../../../src/paths.js';
import { DEMO_PERSONAS, demoWorld } from '../../../src/store/demo-world.js';
import { PersonaPage } from './persona-page.js';
import { freePort, ProcessRegistry, waitForHttp } from './processes.js';

const run = promisify(execFile);
export const SCREENSHOT_DIR = join(PROJECT_ROOT, 'test-results', 'e2e');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The real bot in local mode on a fresh data file, one playground per persona, and one headless Chromium. */
export class E2EStack {
  private readonly processes = new ProcessRegistry();
  private readonly dir = mkdtempSync(join(tmpdir(), 'partner-desk-e2e-'));
  private context: BrowserContext | undefined;
  private botUrl = '';
  private port = 0;
  private bot: ChildProcess | undefined;
  private readonly users = (demoWorld(new Date()).users ?? []) as User[];
  readonly pages = new Map<string, PersonaPage>();

  async start(): Promise<void> {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    this.port = await freePort();
    this.botUrl = `http://127.0.0.1:${this.port}`;
    await this.startBot('w');
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

  private get env(): NodeJS.ProcessEnv {
    return {
      ...process.env,
      NODE_ENV: 'development',
      MicrosoftAppId: '',
      MicrosoftAppPassword: '',
      PORT: String(this.port),
      STORE_FILE: join(this.dir, 'store.json'),
      PUBLIC_URL: this.botUrl,
      // Reminders arriving in the middle of a journey would make "the bot's answer" ambiguous.
      EXPIRY_GUARDIAN: 'false',
    };
  }

  private async startBot(logFlags: 'w' | 'a'): Promise<void> {
    this.bot = this.processes.spawn(process.execPath, [join(PROJECT_ROOT, 'dist', 'src', 'index.js')], this.env);
    const log = createWriteStream(join(SCREENSHOT_DIR, 'bot.log'), { flags: logFlags });
    this.bot.stdout?.pipe(log);
    this.bot.stderr?.pipe(log);
    await waitForHttp(`${this.botUrl}/healthz`);
  }

  /**
   * The operator command line (`npm run admin -- …`), as the README has it: with the bot stopped, since one
   * process owns the data file; the bot starts again on the same port, and the playgrounds stay open.
   */
  async operator(args: string[]): Promise<string> {
    if (this.bot) await this.processes.stop(this.bot);
    try {
      const { stdout } = await run(
        process.execPath,
        [join(PROJECT_ROOT, 'dist', 'src', 'tools', 'admin.js'), ...args],
        {
          env: this.env,
        },
      );
      return stdout;
    } finally {
      await this.startBot('a');
    }
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
