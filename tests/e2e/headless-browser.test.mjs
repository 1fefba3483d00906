// The headless loader in Chromium: a page with its own interface that loads only
// zufi-headless.js (www/demo/headless.html) fetches the headless wasm and nothing of the finder,
// and its search, service and locate work and give what they give in Node; the same loader in a
// module worker; and both loaders served precompressed (FILE.br, FILE.gz) as www/README.md
// describes.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';

import { assertSiteBuilt, launchBrowser, openPage, SITE_ROOT, startServer, waitForFinder } from './support.mjs';

let server;
let browser;

before(async () => {
    await assertSiteBuilt();
    server = await startServer();
    browser = await launchBrowser();
});

after(async () => {
    await browser?.close();
    await server?.close();
});

/** The widget's own files, none of which a headless page may fetch. */
const WIDGET_FILES = ['/dist/zufi.js', '/dist/zufi_widget.js', '/dist/zufi_widget_bg.wasm', '/dist/zufi.css'];

/** Searches on headless.html through its form; returns the result texts. */
async function searchOnPage(page, place, query) {
    await page.getByLabel('Postcode or town').fill(place);
    await page.getByLabel('What do you need to do?').fill(query);
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('status').filter({ hasText: /services found/ }).waitFor();
    return page.locator('#results li').allTextContents();
}

test('a page with only zufi-headless.js fetches the headless wasm, not the finder, and searches', async () => {
    const { page, requests, consoleErrors } = await openPage(browser.context);
    await page.goto(`${server.origin}/headless.html`);
    await page.getByRole('status').filter({ hasText: /services in the index/ }).waitFor();

    // A postcode of six places: the page offers them (locate), and searches at the one chosen.
    await searchOnPage(page, '99310', 'hundesteuer');
    const choice = page.getByLabel('Which place?');
    assert.equal(await choice.locator('option').count(), 6);
    await choice.selectOption({ label: 'Arnstadt, Stadt' });
    const results = await searchOnPage(page, '99310', 'hundesteur');
    assert.match(results[0], /Hund zur Hundesteuer anmelden — Stadtverwaltung Arnstadt/);
    assert.equal(await page.locator('#results li').first().locator('mark').first().textContent(), 'Hundesteuer');

    // The full record (service) with the office responsible at the chosen place.
    await page.locator('#results li').first().getByRole('button').click();
    await page.getByRole('heading', { level: 2, name: 'Hund zur Hundesteuer anmelden' }).waitFor();
    await page.getByRole('heading', { level: 4, name: 'Stadtverwaltung Arnstadt' }).waitFor();

    const fetched = requests.map((url) => new URL(url).pathname);
    for (const expected of [
        '/dist/zufi-headless.js',
        '/dist/zufi-api.js',
        '/dist/zufi_headless.js',
        '/dist/zufi_headless_bg.wasm',
        '/thueringen.zufi',
    ]) {
        assert.ok(fetched.includes(expected), `${expected} was requested; requests: ${fetched.join(' ')}`);
    }
    const widgetFetched = fetched.filter((path) => WIDGET_FILES.includes(path));
    assert.deepEqual(widgetFetched, [], 'nothing of the finder is fetched');
    assert.deepEqual(
        requests.filter((url) => !url.startsWith(`${server.origin}/`)),
        [],
        'no request leaves the origin',
    );
    assert.deepEqual(consoleErrors, []);
    await page.close();
});

test('in Chromium the headless loader gives what it gives in Node', async () => {
    const { page, consoleErrors } = await openPage(browser.context);
    await page.goto(`${server.origin}/headless.html`);
    const calls = async (zufi, index) => [
        index.info(),
        index.locate('99310'),
        index.locate('Erfurt'),
        index.search('personalausweis', { plz: '99084', limit: 5 }),
        index.search('hundesteur', { ars: '160700004004' }),
        index.service('th-hundesteuer', { ars: '160700004004' }),
        index.services().length,
        index.topics(),
    ];
    const inBrowser = await page.evaluate(async (source) => {
        const zufi = await import('/dist/zufi-headless.js');
        const index = await zufi.loadIndex('/thueringen.zufi');
        // The same calls as in Node (passed as source text: evaluate cannot pass functions).
        const run = (0, eval)(`(${source})`);
        return JSON.stringify(await run(zufi, index));
    }, calls.toString());

    const zufi = await import(pathToFileURL(join(SITE_ROOT, 'dist', 'zufi-headless.js')).href);
    const index = await zufi.openIndex(await readFile(join(SITE_ROOT, 'thueringen.zufi')));
    assert.equal(inBrowser, JSON.stringify(await calls(zufi, index)));
    assert.deepEqual(consoleErrors, []);
    await page.close();
});

test('zufi-headless.js works in a module worker', async () => {
    const { page, requests, consoleErrors } = await openPage(browser.context);
    // An empty page of the site's origin, so that every request below is the worker's.
    await page.route(`${server.origin}/blank.html`, (route) =>
        route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>worker host</title>' }),
    );
    await page.goto(`${server.origin}/blank.html`);
    const names = await page.evaluate(async (origin) => {
        const source = `
            import { loadIndex } from '${origin}/dist/zufi-headless.js';
            const opened = loadIndex('${origin}/thueringen.zufi');
            self.onmessage = async (event) => {
                const index = await opened;
                self.postMessage(index.search(event.data, { plz: '99084', limit: 3 }).map((hit) => hit.name));
            };`;
        const url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
        const worker = new Worker(url, { type: 'module' });
        const answer = new Promise((resolve, reject) => {
            worker.onmessage = (event) => resolve(event.data);
            worker.onerror = (event) => reject(new Error(event.message));
        });
        worker.postMessage('personalausweis');
        try {
            return await answer;
        } finally {
            worker.terminate();
        }
    }, server.origin);
    assert.ok(names.some((name) => /Personalausweis/.test(name)), `worker found: ${names.join(', ')}`);
    const fetched = requests.map((url) => new URL(url).pathname);
    assert.ok(fetched.includes('/dist/zufi_headless_bg.wasm'), `the worker fetched the headless wasm: ${fetched.join(' ')}`);
    assert.deepEqual(fetched.filter((path) => WIDGET_FILES.includes(path)), [], 'nothing of the finder is fetched');
    assert.deepEqual(consoleErrors, []);
    await page.close();
});

test('served precompressed, both loaders and the indexes work with brotli', async () => {
    const compressing = await startServer(SITE_ROOT, { precompressed: true });
    try {
        const { page, consoleErrors } = await openPage(browser.context);
        const encodings = new Map();
        page.on('response', async (response) => {
            encodings.set(new URL(response.url()).pathname, (await response.allHeaders())['content-encoding'] ?? null);
        });
        await page.goto(`${compressing.origin}/headless.html`);
        const results = await searchOnPage(page, '99084', 'personalausweis');
        assert.ok(results.some((text) => /Personalausweis/.test(text)), results.join('\n'));

        await page.goto(`${compressing.origin}/`);
        const box = await waitForFinder(page);
        await box.fill('hundesteuer');
        await page.getByRole('option').first().waitFor();
        for (const path of [
            '/dist/zufi-headless.js',
            '/dist/zufi_headless_bg.wasm',
            '/dist/zufi.js',
            '/dist/zufi_widget_bg.wasm',
            '/dist/zufi.css',
            '/thueringen.zufi',
        ]) {
            assert.equal(encodings.get(path), 'br', `${path} was served as ${encodings.get(path)}`);
        }
        assert.deepEqual(consoleErrors, []);
        await page.close();
    } finally {
        await compressing.close();
    }
});
