import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { CURRENT_SCHEMA_VERSION } from '../../src/store/data-file.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../src/paths.js';
import { message } from '../support/activities.js';
import { freePort, waitForHttp } from '../e2e/support/processes.js';
import { persona } from '../support/personas.js';

describe('the server process', () => {
  it('on SIGTERM finishes the turns in flight, flushes the store and exits 0', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'partner-desk-shutdown-'));
    const port = await freePort();
    const child = spawn(process.execPath, [join(PROJECT_ROOT, 'dist', 'src', 'index.js')], {
      env: { ...process.env, PORT: String(port), STORE_FILE: join(dir, 'store.json'), MicrosoftAppId: '' },
      stdio: 'ignore',
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      await waitForHttp(`http://127.0.0.1:${port}/healthz`);
      const carmen = persona('carmen');
      const requests = Array.from({ length: 10 }, (_, i) =>
        fetch(`http://127.0.0.1:${port}/api/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(message(carmen, i % 2 ? 'whoami' : 'language es')),
        }).then(
          async (r) => ({ status: r.status, body: await r.text() }),
          () => ({ status: 0, body: '' }),
        ),
      );
      child.kill('SIGTERM');
      const answers = await Promise.all(requests);
      expect(await exited).toBe(0);
      // Every request the server took was answered in full; none got an error.
      for (const answer of answers) expect([0, 200]).toContain(answer.status);
      const onDisk = JSON.parse(readFileSync(join(dir, 'store.json'), 'utf8'));
      expect(onDisk.schemaVersion).toBe(CURRENT_SCHEMA_VERSION);
      // The lock is released: the file is free for the next process.
      expect(existsSync(join(dir, 'store.json.lock'))).toBe(false);
      await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
    } finally {
      child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
