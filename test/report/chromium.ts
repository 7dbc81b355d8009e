import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { readFile } from 'node:fs/promises';
import type { Readable, Writable } from 'node:stream';

/** Debian's `chromium` package (CI: `apt-get install -y --no-install-recommends chromium`), or CHROMIUM=<path>. */
const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

export const CHROMIUM_MISSING =
  'headless Chromium is needed to check the rendered Allure report and was not found: install it with ' +
  '`apt-get install -y --no-install-recommends chromium` (Debian) or set CHROMIUM=<path to chrome/chromium>';

export function chromiumPath(): string | undefined {
  const given = process.env.CHROMIUM;
  if (given) return existsSync(given) ? given : undefined;
  return CANDIDATES.find((path) => existsSync(path));
}

/**
 * One headless Chromium for a whole test file, driven over the DevTools protocol on a pipe (no package
 * needed): a launch costs about 3 s of CPU, a page in a running browser a fraction of that.
 */
export class Browser {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (value: Record<string, unknown>) => void; reject: (error: Error) => void }>();
  private readonly listeners: ((message: CdpMessage) => void)[] = [];
  private buffer = '';

  private constructor(
    private readonly child: ChildProcess,
    private readonly profile: string,
  ) {
    const fromBrowser = child.stdio[4] as Readable;
    fromBrowser.on('data', (chunk: Buffer) => this.receive(chunk.toString()));
    child.once('exit', () => {
      for (const { reject } of this.pending.values()) reject(new Error('chromium exited'));
      this.pending.clear();
    });
  }

  static async launch(): Promise<Browser> {
    const chromium = chromiumPath();
    if (!chromium) throw new Error(CHROMIUM_MISSING);
    const profile = mkdtempSync(join(tmpdir(), 'posture-chromium-'));
    const args = [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-dev-shm-usage',
      '--remote-debugging-pipe', // the protocol on fds 3 (to the browser) and 4 (from it)
      `--user-data-dir=${profile}`,
      'about:blank',
    ];
    const child = spawn(chromium, args, { stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'] });
    const browser = new Browser(child, profile);
    await browser.send('Browser.getVersion');
    return browser;
  }

  /**
   * The DOM of `url` once its scripts rendered: when the visible text matches `until`, or (without it)
   * once the DOM stopped changing. Each page is a fresh tab, so nothing of the previous page remains.
   */
  async dom(url: string, options: { until?: RegExp | ((text: string) => boolean); timeoutMs?: number } = {}): Promise<string> {
    const rendered = (dom: string) => (options.until instanceof RegExp ? options.until.test(visibleText(dom)) : options.until!(visibleText(dom)));
    const { targetId } = (await this.send('Target.createTarget', { url: 'about:blank' })) as { targetId: string };
    const { sessionId } = (await this.send('Target.attachToTarget', { targetId, flatten: true })) as { sessionId: string };
    try {
      await this.send('Page.enable', {}, sessionId);
      const loaded = this.event('Page.loadEventFired', sessionId);
      await this.send('Page.navigate', { url }, sessionId);
      await loaded;
      const deadline = Date.now() + (options.timeoutMs ?? 20_000);
      let last = '';
      let stableSince = Date.now();
      for (;;) {
        const { result } = (await this.send('Runtime.evaluate', { expression: 'document.documentElement.outerHTML', returnByValue: true }, sessionId)) as { result: { value: string } };
        const dom = result.value;
        if (options.until ? rendered(dom) : dom === last && Date.now() - stableSince >= 500) return dom;
        if (dom !== last) stableSince = Date.now();
        last = dom;
        if (Date.now() > deadline) return dom; // the test's own assertions say what is missing
        await new Promise((resolveWait) => setTimeout(resolveWait, 100));
      }
    } finally {
      await this.send('Target.closeTarget', { targetId }).catch(() => undefined);
    }
  }

  async close(): Promise<void> {
    const exited = new Promise<void>((resolveExit) => (this.child.exitCode !== null ? resolveExit() : this.child.once('exit', () => resolveExit())));
    await this.send('Browser.close').catch(() => undefined);
    const hard = setTimeout(() => this.child.kill('SIGKILL'), 3000);
    await exited;
    clearTimeout(hard);
    rmSync(this.profile, { recursive: true, force: true });
  }

  private send(method: string, params: Record<string, unknown> = {}, sessionId?: string): Promise<Record<string, unknown>> {
    const id = this.nextId++;
    const toBrowser = this.child.stdio[3] as Writable;
    return new Promise((resolveSend, reject) => {
      this.pending.set(id, { resolve: resolveSend, reject });
      toBrowser.write(`${JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) })}\0`);
    });
  }

  private event(method: string, sessionId: string): Promise<void> {
    return new Promise((resolveEvent) => {
      const listener = (message: CdpMessage) => {
        if (message.method !== method || message.sessionId !== sessionId) return;
        this.listeners.splice(this.listeners.indexOf(listener), 1);
        resolveEvent();
      };
      this.listeners.push(listener);
    });
  }

  private receive(text: string): void {
    const parts = (this.buffer + text).split('\0');
    this.buffer = parts.pop() ?? '';
    for (const part of parts) {
      const message = JSON.parse(part) as CdpMessage;
      if (message.id !== undefined) {
        const waiting = this.pending.get(message.id);
        this.pending.delete(message.id);
        if (message.error) waiting?.reject(new Error(`${message.error.message}`));
        else waiting?.resolve(message.result ?? {});
      } else {
        for (const listener of [...this.listeners]) listener(message);
      }
    }
  }
}

interface CdpMessage {
  id?: number;
  method?: string;
  sessionId?: string;
  result?: Record<string, unknown>;
  error?: { message: string };
}

/** Visible text of a dumped DOM, whitespace collapsed. */
export function visibleText(dom: string): string {
  return dom
    .replace(/<script[\s\S]*?<\/script>/gi, ' ')
    .replace(/<style[\s\S]*?<\/style>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ');
}

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'application/javascript', '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml', '.ico': 'image/x-icon', '.txt': 'text/plain' };

/** A static file server on loopback (the multi-file Allure report fetches its data, which file:// forbids). */
export async function serveDirectory(root: string): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = createServer((request, response) => {
    const path = normalize(decodeURIComponent((request.url ?? '/').split('?')[0])).replace(/^(\.\.[/\\])+/, '');
    const file = join(root, path.endsWith('/') ? `${path}index.html` : path);
    readFile(file).then(
      (body) => {
        response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
        response.end(body);
      },
      () => {
        response.writeHead(404);
        response.end();
      },
    );
  });
  await new Promise<void>((resolveListen) => server.listen(0, '127.0.0.1', resolveListen));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((resolveClose) => server.close(() => resolveClose())) };
}
