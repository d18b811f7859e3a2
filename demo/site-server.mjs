// A tiny stand-in for https://docs.example.test/, served on loopback for `npm run demo`.
// Each route answers the way a real site might, so every kind of external finding shows up.
import { createServer } from 'node:http';
import { clearTimeout, setTimeout } from 'node:timers';

/** How long `/slow` takes to answer: well past the demo's 1 s timeout. */
export const slowDelayMs = 3000;

const page = (title, body) =>
  `<!doctype html>\n<html><head><title>${title}</title></head><body>\n${body}\n</body></html>\n`;

const home = page(
  'Example docs',
  '<h1 id="example-docs">Example docs</h1>\n<p>Start with the <a href="/guide/">guide</a>.</p>',
);

const guide = page(
  'Guide',
  [
    '<h1 id="guide">Guide</h1>',
    '<h2 id="install">Install</h2>',
    '<p>Run the installer.</p>',
    '<h2 id="usage">Usage</h2>',
    '<p>Run the tool.</p>',
  ].join('\n'),
);

/** Path → what to answer. */
const routes = {
  '/': { status: 200, html: home },
  '/guide/': { status: 200, html: guide },
  '/old-guide': { status: 301, location: '/guide/' },
  '/removed': { status: 404, html: page('Not found', '<h1>Not found</h1>') },
  '/slow': { status: 200, html: page('Slow', '<h1 id="slow">Slow</h1>'), delayMs: slowDelayMs },
  '/api': { status: 200, json: '{"ok":true}\n' },
  '/private': { status: 403, html: page('Forbidden', '<h1>Forbidden</h1>') },
};

const notFound = { status: 404, html: page('Not found', '<h1>Not found</h1>') };

function answer(route, response) {
  const headers = {};
  if (route.location !== undefined) headers['location'] = route.location;
  if (route.html !== undefined) headers['content-type'] = 'text/html; charset=utf-8';
  if (route.json !== undefined) headers['content-type'] = 'application/json';
  response.writeHead(route.status, headers);
  response.end(route.html ?? route.json ?? '');
}

/**
 * Starts the demo site on 127.0.0.1 and a free port.
 * @returns the site's origin (`http://127.0.0.1:<port>`) and `close()`, which also drops slow answers in flight
 */
export async function startSiteServer() {
  const pending = new Set();
  const server = createServer((request, response) => {
    const { pathname } = new URL(request.url ?? '/', 'http://localhost');
    const route = routes[pathname] ?? notFound;
    if (route.delayMs === undefined) return answer(route, response);
    const timer = setTimeout(() => {
      pending.delete(timer);
      answer(route, response);
    }, route.delayMs);
    pending.add(timer);
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address();
  return {
    origin: `http://127.0.0.1:${port}`,
    close() {
      for (const timer of pending) clearTimeout(timer);
      pending.clear();
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
