// What the finder fetches from a sharded index in Chromium: the index bytes (each file gzip -6,
// a common server setting) from page load until the first suggestions for a query are shown, on a
// page without a place and on one that presets the place (whose areas the finder fetches when it
// starts); then, on the second, for opening the first suggestion until its detail has settled. Every
// query starts in a fresh browser context (nothing cached) and is typed key by key, 100 ms apart
// (MEASURE_KEY_DELAY_MS), as a quick typist would. Prints a Markdown table for docs/PERFORMANCE.md
// ("Sharded index"); MEASURE_SHOW_FILES=1 also lists the files of each first search. Last, the
// wasm memory after a session of 20 searches, each with its top hit's detail at the query's place,
// through the headless API in Node (the same core and allocator as the finder).
//
//   node www/tools/measure-shards.mjs NAME=DIR [NAME=DIR ...]
//
// DIR is a shard folder (`zufi build --shards DIR`); NAME picks the places of
// benches/scale-queries.json: `national` the first place of each query, any other name the
// second (Thüringen), `berlin` only the query with Berlin. Needs scripts/build-widget (the widget
// in build/www/dist).
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { createRequire } from 'node:module';

import { CHROMIUM, CHROMIUM_ARGS } from './chromium.mjs';
import { REPO_ROOT, assertSiteBuilt, startServer, waitForFinder } from '../../tests/e2e/support.mjs';

const requireFromWww = createRequire(join(REPO_ROOT, 'www', 'package.json'));
const { chromium } = requireFromWww('playwright-core');

const KEY_DELAY_MS = Number(process.env.MEASURE_KEY_DELAY_MS ?? 100);
const QUERIES = JSON.parse(await readFile(join(REPO_ROOT, 'benches', 'scale-queries.json'), 'utf8')).queries;

function placesFor(name) {
    if (name === 'berlin') return [{ query: 'personalausweis beantragen', ars: '110000000000' }];
    const which = name === 'national' ? 0 : 1;
    return QUERIES.map((q) => ({ query: q.query, ars: q.places[which].ars }));
}

const gzipSizes = new Map();
async function gzipSize(dir, file) {
    const key = join(dir, file);
    if (!gzipSizes.has(key)) gzipSizes.set(key, gzipSync(await readFile(key), { level: 6 }).length);
    return gzipSizes.get(key);
}

async function measure(browser, origin, name, dir, { query, ars }) {
    const withoutPlace = await visit(browser, origin, dir, query, null);
    const withPlace = await visit(browser, origin, dir, query, ars);
    const bytes = async (files) => (await Promise.all(files.map((f) => gzipSize(dir, f)))).reduce((a, b) => a + b, 0);
    const noPlaceBytes = await bytes(withoutPlace.first);
    const firstBytes = await bytes(withPlace.first);
    return {
        query,
        ars,
        noPlaceFiles: withoutPlace.first.length,
        noPlaceBytes,
        firstFiles: withPlace.first.length,
        firstBytes,
        detailFiles: withPlace.all.length - withPlace.first.length,
        detailBytes: (await bytes(withPlace.all)) - firstBytes,
    };
}

/** One visit: the files fetched until the first suggestions, and until a detail has settled. */
async function visit(browser, origin, dir, query, ars) {
    const context = await browser.newContext({ locale: 'de-DE' });
    const page = await context.newPage();
    const fetched = [];
    await page.route(`${origin}/measure.html`, (route) =>
        route.fulfill({
            contentType: 'text/html',
            body: `<!doctype html><html lang="de"><head><meta charset="utf-8"><title>measure</title>
                <script type="module" src="/dist/zufi.js"></script></head><body><main>
                <zufi-finder index="/set/manifest.json"${ars ? ` ars="${ars}"` : ''}></zufi-finder></main></body></html>`,
        }),
    );
    await page.route(`${origin}/set/**`, async (route) => {
        const file = new URL(route.request().url()).pathname.split('/').pop();
        fetched.push(file);
        const type = file.endsWith('.json') ? 'application/json' : 'application/octet-stream';
        await route.fulfill({ contentType: type, body: await readFile(join(dir, file)) });
    });
    await page.goto(`${origin}/measure.html`);
    const box = await waitForFinder(page);
    await box.focus();
    await page.keyboard.type(query, { delay: KEY_DELAY_MS });
    await page.getByRole('option').first().waitFor();
    const first = [...fetched];
    if (process.env.MEASURE_SHOW_FILES) console.log(query, ars ?? 'no place', first.join(' '));
    await page.getByRole('option').first().click();
    await page.getByRole('article').waitFor();
    await page.waitForLoadState('networkidle');
    await page.waitForFunction(() => {
        const host = document.querySelector('zufi-finder');
        return host?.shadowRoot && !host.shadowRoot.querySelector('.zufi-detail .zufi-loading');
    });
    const all = [...fetched];
    await context.close();
    return { first, all };
}

/** The headless wasm's memory (MB) after 20 searches with details, in a fresh wasm instance. */
async function sessionMemory(origin, name, dir) {
    const glue = await import(`${pathToFileURL(join(REPO_ROOT, 'build', 'www', 'dist', 'zufi_headless.js')).href}?${name}`);
    const wasm = glue.initSync({ module: await readFile(join(REPO_ROOT, 'build', 'www', 'dist', 'zufi_headless_bg.wasm')) });
    const served = await startServer(dir);
    try {
        const index = await glue.loadIndex(`${served.origin}/manifest.json`);
        const places = placesFor(name);
        for (let n = 0; n < 20; n += 1) {
            const { query, ars } = places[n % places.length];
            await index.ensure({ query, ars });
            const [top] = index.search(query, { ars });
            if (top) {
                await index.ensure({ service: top.id, ars });
                index.service(top.id, { ars });
            }
        }
        return wasm.memory.buffer.byteLength / 1e6;
    } finally {
        await served.close();
    }
}

const sets = process.argv.slice(2).map((arg) => {
    const [name, dir] = arg.split('=');
    if (!name || !dir) throw new Error(`usage: measure-shards.mjs NAME=DIR ..., got ${arg}`);
    return { name, dir: resolve(dir) };
});
if (sets.length === 0) throw new Error('usage: node www/tools/measure-shards.mjs NAME=DIR [NAME=DIR ...]');

await assertSiteBuilt();
const server = await startServer();
const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
const kb = (bytes) => (bytes / 1000).toFixed(1);
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
try {
    console.log('| catalog | query | place | first suggestions, no place: files, KB gzip | with the place preset | + detail: files, KB gzip |');
    console.log('|---|---|---|---:|---:|---:|');
    const summary = [];
    for (const { name, dir } of sets) {
        const rows = [];
        for (const place of placesFor(name)) {
            const row = await measure(browser, server.origin, name, dir, place);
            rows.push(row);
            console.log(
                `| ${name} | ${row.query} | ${row.ars} | ${row.noPlaceFiles}, ${kb(row.noPlaceBytes)} | ` +
                    `${row.firstFiles}, ${kb(row.firstBytes)} | ${row.detailFiles}, ${kb(row.detailBytes)} |`,
            );
        }
        const stats = (key) => `${kb(median(rows.map((r) => r[key])))} / ${kb(Math.max(...rows.map((r) => r[key])))}`;
        summary.push(`| ${name} | ${stats('noPlaceBytes')} | ${stats('firstBytes')} | ${stats('detailBytes')} |`);
    }
    console.log('\n| catalog | first suggestions, no place: median / max KB | with the place preset | + detail with the place |');
    console.log('|---|---:|---:|---:|');
    for (const line of summary) console.log(line);

    console.log('\n| catalog | wasm memory after 20 searches with details, MB |');
    console.log('|---|---:|');
    for (const { name, dir } of sets) {
        console.log(`| ${name} | ${(await sessionMemory(server.origin, name, dir)) .toFixed(1)} |`);
    }
} finally {
    await browser.close();
    await server.close();
}
