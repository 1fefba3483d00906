// Shared machinery of the end-to-end tests: a static server for build/www, Debian's Chromium
// driven by playwright-core, and recorders for requests and console errors.
//
// The tests need `scripts/build-widget` to have run; they fail with that hint otherwise.

import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { after, before } from 'node:test';
import { fileURLToPath } from 'node:url';

import { CHROMIUM, CHROMIUM_ARGS } from '../../www/tools/chromium.mjs';

export { CHROMIUM };

export const REPO_ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const SITE_ROOT = join(REPO_ROOT, 'build', 'www');

// playwright-core and axe-core are devDependencies of www/, not of the repository root.
const requireFromWww = createRequire(join(REPO_ROOT, 'www', 'package.json'));
const { chromium } = requireFromWww('playwright-core');
export const AXE_SCRIPT = requireFromWww.resolve('axe-core/axe.min.js');

const MIME_TYPES = {
    '.html': 'text/html; charset=utf-8',
    '.js': 'text/javascript; charset=utf-8',
    '.mjs': 'text/javascript; charset=utf-8',
    '.css': 'text/css; charset=utf-8',
    '.wasm': 'application/wasm',
    '.svg': 'image/svg+xml',
    '.json': 'application/json',
    '.ts': 'text/plain; charset=utf-8',
    '.zufi': 'application/octet-stream',
};

/** Fails early, with the command to run, when the site has not been built. */
export async function assertSiteBuilt() {
    for (const file of ['index.html', 'dist/zufi.js', 'dist/zufi_widget_bg.wasm', 'dist/zufi-headless.js', 'dist/zufi_headless_bg.wasm', 'thueringen.zufi']) {
        try {
            await stat(join(SITE_ROOT, file));
        } catch {
            throw new Error(`build/www/${file} is missing: run scripts/build-widget first`);
        }
    }
}

/** The precompressed sibling to serve for `accept` (an Accept-Encoding header), as nginx's
 * brotli_static and gzip_static choose it: [suffix, Content-Encoding], or null. */
async function precompressedFor(file, accept) {
    const accepted = (accept ?? '').split(',').map((token) => token.split(';')[0].trim());
    for (const [suffix, encoding] of [['.br', 'br'], ['.gz', 'gzip']]) {
        if (!accepted.includes(encoding)) continue;
        try {
            await stat(file + suffix);
            return [suffix, encoding];
        } catch {
            // not there: try the next, or the file itself
        }
    }
    return null;
}

/**
 * Serves build/www on a free port of 127.0.0.1. Returns {origin, close()}.
 * A plain static server like a municipality's: no compression, no caching headers. With
 * `{precompressed: true}` it serves FILE.br or FILE.gz (as build-widget writes them) when the
 * browser accepts that encoding, with Content-Encoding and Vary: Accept-Encoding, as the server
 * configurations in www/README.md do. `headers` are sent with every response besides these, e.g. a
 * Content-Security-Policy as a host's server sends it.
 */
export async function startServer(root = SITE_ROOT, { precompressed = false, headers: extraHeaders = {} } = {}) {
    const server = createServer(async (request, response) => {
        try {
            const path = decodeURIComponent(new URL(request.url, 'http://localhost').pathname);
            let file = normalize(join(root, path));
            if (file !== root && !file.startsWith(root + sep)) {
                response.writeHead(403).end();
                return;
            }
            if (path.endsWith('/')) file = join(file, 'index.html');
            const headers = { ...extraHeaders, 'content-type': MIME_TYPES[extname(file)] ?? 'application/octet-stream' };
            let served = file;
            if (precompressed) {
                headers.vary = 'Accept-Encoding';
                const sibling = await precompressedFor(file, request.headers['accept-encoding']);
                if (sibling !== null) {
                    served = file + sibling[0];
                    headers['content-encoding'] = sibling[1];
                }
            }
            const body = await readFile(served);
            headers['content-length'] = body.length;
            response.writeHead(200, headers);
            response.end(request.method === 'HEAD' ? undefined : body);
        } catch {
            response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
        }
    });
    await new Promise((resolveListen) => server.listen(0, '127.0.0.1', resolveListen));
    const { port } = server.address();
    return {
        origin: `http://127.0.0.1:${port}`,
        close: () =>
            new Promise((resolveClose) => {
                server.closeAllConnections();
                server.close(() => resolveClose());
            }),
    };
}

/** Launches Chromium with a fresh profile. Returns {context, close()}. */
export async function launchBrowser() {
    const userDataDir = await mkdtemp(join(tmpdir(), 'zufi-e2e-'));
    const context = await chromium.launchPersistentContext(userDataDir, {
        executablePath: CHROMIUM,
        args: CHROMIUM_ARGS,
        headless: true,
        locale: 'de-DE',
        viewport: { width: 1280, height: 900 },
    });
    return {
        context,
        close: async () => {
            await context.close();
            await rm(userDataDir, { recursive: true, force: true });
        },
    };
}

/**
 * Opens a new page that records what the tests assert on: every request URL, console errors and
 * uncaught exceptions.
 */
export async function openPage(context) {
    const page = await context.newPage();
    const requests = [];
    const consoleErrors = [];
    page.on('request', (request) => requests.push(request.url()));
    page.on('console', (message) => {
        if (message.type() === 'error') consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(`uncaught: ${error.message}`));
    return { page, requests, consoleErrors };
}

/**
 * The server of build/www for the tests of one file: started (once the site is found built) before
 * they run and closed after. Its `origin` is set only then, so tests read it, not the module.
 */
export function useServer() {
    const server = { origin: undefined };
    let running;
    before(async () => {
        await assertSiteBuilt();
        running = await startServer();
        server.origin = running.origin;
    });
    after(async () => {
        await running?.close();
    });
    return server;
}

/**
 * Runs `body` with a page opened at `path` on `server` (see useServer) in a browser of its own:
 * a fresh profile each time, so no history or storage carries over from another test. `body`
 * gets what openPage records, {page, requests, consoleErrors}; afterwards the console must have
 * stayed free of errors. Options, or just the path:
 *   pages         {'/name.html': html}: a test's own host page, served on the origin so that it
 *                 loads dist/ and the indexes as a municipality's page does
 *   routes        {'/pattern': handler}: further Playwright route handlers on the origin, e.g. an
 *                 index that fails
 *   finder        wait until the finder is ready first; `body` also gets its search box as `box`
 *   cleanConsole  false where errors are expected and the test checks the console itself
 */
export async function withPage(server, options, body) {
    const { path = '/', pages = {}, routes = {}, finder = false, cleanConsole = true } =
        typeof options === 'string' ? { path: options } : options;
    const browser = await launchBrowser();
    try {
        const recorded = await openPage(browser.context);
        for (const [pagePath, html] of Object.entries(pages)) {
            await recorded.page.route(server.origin + pagePath, (route) =>
                route.fulfill({ contentType: 'text/html; charset=utf-8', body: html }),
            );
        }
        for (const [pattern, handler] of Object.entries(routes)) {
            await recorded.page.route(server.origin + pattern, handler);
        }
        await recorded.page.goto(server.origin + path);
        await body(finder ? { ...recorded, box: await waitForFinder(recorded.page) } : recorded);
        if (cleanConsole) assert.deepEqual(recorded.consoleErrors, [], 'the console stays free of errors');
    } finally {
        await browser.close();
    }
}

/**
 * Runs in the page (pass it to page.waitForFunction): the time (performance.now()) once some
 * finder on the page is interactive — its search box present and enabled — else false. What
 * the measuring tools call "interactive".
 */
export function finderInteractiveAt() {
    for (const host of document.querySelectorAll('*')) {
        const input = host.shadowRoot?.querySelector('input[role="combobox"]');
        if (input != null && !input.disabled) return performance.now();
    }
    return false;
}

/** The finder's search box on a page with one <zufi-finder>. */
export function searchBox(page, lang = 'de') {
    const label = lang === 'en' ? 'What do you need to do?' : 'Was möchten Sie erledigen?';
    return page.getByRole('combobox', { name: label });
}

/** Waits until the finder is ready for input: the combobox exists and is enabled. */
export async function waitForFinder(page, lang = 'de') {
    const box = searchBox(page, lang);
    await box.waitFor({ state: 'visible' });
    await page.waitForFunction(
        () => {
            // The finder's host is <zufi-finder> or, with mount(), any element with a shadow root.
            for (const host of document.querySelectorAll('*')) {
                const input = host.shadowRoot?.querySelector('input[role="combobox"]');
                if (input != null) return !input.disabled;
            }
            return false;
        },
        undefined,
        { polling: 'raf' },
    );
    return box;
}

/** The element that has keyboard focus, looking into open shadow roots; described for asserts. */
export function deepActiveElement(page) {
    return page.evaluate(() => {
        let element = document.activeElement;
        while (element?.shadowRoot?.activeElement) element = element.shadowRoot.activeElement;
        if (element == null) return null;
        return {
            tag: element.tagName.toLowerCase(),
            role: element.getAttribute('role'),
            id: element.id,
            text: (element.textContent ?? '').trim().slice(0, 80),
        };
    });
}

/**
 * Runs axe-core on the whole page (host page and the finder's open shadow root) against
 * WCAG 2.0/2.1 A and AA and returns the violations, formatted for a readable failure message.
 */
// `disabledRules` turns single axe rules off, e.g. color-contrast under forced colours, where
// the visitor's system theme sets the colours and axe cannot compute them.
export async function axeViolations(page, disabledRules = []) {
    const injected = await page.evaluate(() => typeof window.axe !== 'undefined');
    if (!injected) await page.addScriptTag({ path: AXE_SCRIPT });
    const violations = await page.evaluate(async (disabled) => {
        const result = await window.axe.run(document, {
            runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
            rules: Object.fromEntries(disabled.map((id) => [id, { enabled: false }])),
            resultTypes: ['violations'],
        });
        return result.violations.map((violation) => ({
            id: violation.id,
            impact: violation.impact,
            help: violation.help,
            helpUrl: violation.helpUrl,
            nodes: violation.nodes.map((node) => ({
                target: node.target,
                html: node.html,
                summary: node.failureSummary,
            })),
        }));
    }, disabledRules);
    return violations;
}

/** Human-readable text of axe violations (empty string when there are none). */
export function formatViolations(violations) {
    return violations
        .map((violation) => {
            const nodes = violation.nodes
                .map(
                    (node) =>
                        `    at ${JSON.stringify(node.target)}\n      ${node.html}\n      ${(node.summary ?? '').replaceAll('\n', '\n      ')}`,
                )
                .join('\n');
            return `  [${violation.impact}] ${violation.id}: ${violation.help}\n${nodes}`;
        })
        .join('\n');
}
