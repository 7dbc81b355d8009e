import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { readFile } from 'node:fs/promises';

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

/** The DOM after the page's scripts ran (virtual time lets the single-page app fetch and render). */
export function dumpDom(url: string, budgetMs = 8000): Promise<string> {
  const chromium = chromiumPath();
  if (!chromium) return Promise.reject(new Error(CHROMIUM_MISSING));
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
    `--user-data-dir=${profile}`,
    `--virtual-time-budget=${budgetMs}`,
    '--dump-dom',
    url,
  ];
  return new Promise((resolveDom, reject) => {
    execFile(chromium, args, { timeout: 60_000, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      rmSync(profile, { recursive: true, force: true });
      if (error) reject(new Error(`chromium --dump-dom ${url} failed: ${error.message}\n${stderr.split('\n').slice(-5).join('\n')}`));
      else resolveDom(stdout);
    });
  });
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
