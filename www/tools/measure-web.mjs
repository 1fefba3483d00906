// Benchmark of the web widget on the demo site in build/www (run through scripts/measure-web):
//   1. transfer size of a first search: every widget file and index the page requests until the
//      first suggestions are shown, each gzip-compressed (level 6, a common server setting);
//   2. time from navigation start to interactive (combobox present and enabled), cold cache, and
//      for comparison the same page whose loader does nothing (the browser's share);
//   3. per-keystroke latency: real key presses through Chromium's input pipeline, measured in
//      the page with performance.now() from the keydown handler to the first DOM update of the
//      finder (a MutationObserver on its shadow root), for a 20-letter query typed letter by letter.
// Prints a Markdown table for docs/PERFORMANCE.md.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { createRequire } from 'node:module';

import { CHROMIUM, CHROMIUM_ARGS } from './chromium.mjs';
import {
    REPO_ROOT,
    SITE_ROOT,
    assertSiteBuilt,
    finderInteractiveAt,
    startServer,
    waitForFinder,
} from '../../tests/e2e/support.mjs';

const requireFromWww = createRequire(join(REPO_ROOT, 'www', 'package.json'));
const { chromium } = requireFromWww('playwright-core');

const RUNS_TO_INTERACTIVE = Number(process.env.MEASURE_LOAD_RUNS ?? 10);
const TYPING_REPEATS = Number(process.env.MEASURE_TYPING_REPEATS ?? 20);
// Longer than any plausible update: a keystroke that changes nothing on screen ends here.
const NO_UPDATE_AFTER_MS = 1000;

const SITES = [
    { name: 'Thüringen', path: '/', query: 'hundesteueranmeldung', firstQuery: 'hundesteuer' },
    { name: 'Berlin', path: '/berlin.html', query: 'personalausweisantra', firstQuery: 'personalausweis' },
];

function quantile(sorted, q) {
    if (sorted.length === 0) return NaN;
    const position = (sorted.length - 1) * q;
    const lower = Math.floor(position);
    const upper = Math.ceil(position);
    return sorted[lower] + (sorted[upper] - sorted[lower]) * (position - lower);
}

const kib = (bytes) => (bytes / 1024).toFixed(1);
const ms = (value) => value.toFixed(1);

async function transferSizes(browser, origin, site) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const requested = new Set();
    page.on('request', (request) => requested.add(new URL(request.url()).pathname));
    await page.goto(origin + site.path);
    const box = await waitForFinder(page);
    await box.focus();
    await page.keyboard.type(site.firstQuery);
    await page.getByRole('option').first().waitFor();
    await context.close();

    const widgetFiles = [...requested].filter((path) => path.startsWith('/dist/') || path.endsWith('.zufi')).sort();
    const rows = [];
    for (const path of widgetFiles) {
        const bytes = await readFile(join(SITE_ROOT, decodeURIComponent(path)));
        rows.push({ path, raw: bytes.length, gzip: gzipSync(bytes, { level: 6 }).length });
    }
    return rows;
}

async function timeToInteractive(browser, origin, site) {
    return coldLoads(browser, origin, site, null, finderInteractiveAt);
}

// The same page with a loader that does nothing but note the time it ran: what the browser
// takes on this machine before any of the finder's work can begin (new renderer, the page's
// HTML and stylesheet, one module script). The finder's own share is the difference.
async function timeToLoaderWithoutFinder(browser, origin, site) {
    const stub = (route) =>
        route.fulfill({ contentType: 'text/javascript', body: 'window.__zufiLoaderRan = performance.now();' });
    return coldLoads(browser, origin, site, stub, () => window.__zufiLoaderRan ?? false);
}

// Cold loads of the site's page (a new context has an empty cache: a citizen's first visit),
// each timed by `probe` in the page; `stub`, if given, answers requests for dist/zufi.js.
async function coldLoads(browser, origin, site, stub, probe) {
    const samples = [];
    for (let run = 0; run < RUNS_TO_INTERACTIVE; run += 1) {
        const context = await browser.newContext();
        const page = await context.newPage();
        if (stub !== null) await page.route('**/dist/zufi.js', stub);
        await page.goto(origin + site.path, { waitUntil: 'commit' });
        const handle = await page.waitForFunction(probe, undefined, { polling: 'raf', timeout: 30_000 });
        samples.push(await handle.jsonValue());
        await context.close();
    }
    return samples.sort((a, b) => a - b);
}

async function keystrokeLatencies(browser, origin, site) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(origin + site.path);
    const box = await waitForFinder(page);
    await page.evaluate((noUpdateAfter) => {
        let root = null;
        for (const host of document.querySelectorAll('*')) {
            if (host.shadowRoot?.querySelector('input[role="combobox"]')) root = host.shadowRoot;
        }
        const state = { latencies: [], unchanged: 0, settled: 0, pending: null };
        window.__zufiMeasure = state;
        const settle = (latency) => {
            clearTimeout(state.pending.timer);
            if (latency === null) state.unchanged += 1;
            else state.latencies.push(latency);
            state.pending = null;
            state.settled += 1;
        };
        const input = root.querySelector('input[role="combobox"]');
        input.addEventListener(
            'keydown',
            () => {
                if (state.pending !== null) settle(null);
                const started = performance.now();
                state.pending = { started, timer: setTimeout(() => settle(null), noUpdateAfter) };
            },
            { capture: true },
        );
        new MutationObserver(() => {
            // The input's own value change is not a mutation; the first one is the finder's render.
            if (state.pending !== null) settle(performance.now() - state.pending.started);
        }).observe(root, { subtree: true, childList: true, characterData: true, attributes: true });
    }, NO_UPDATE_AFTER_MS);

    let expected = 0;
    for (let repeat = 0; repeat < TYPING_REPEATS; repeat += 1) {
        await box.fill('');
        await page.getByRole('listbox').waitFor({ state: 'hidden' });
        await box.focus();
        for (const letter of site.query) {
            await page.keyboard.press(letter);
            expected += 1;
            await page.waitForFunction((n) => window.__zufiMeasure.settled >= n, expected, { polling: 'raf' });
        }
    }
    const { latencies, unchanged } = await page.evaluate(() => window.__zufiMeasure);
    await context.close();
    return { latencies: latencies.sort((a, b) => a - b), unchanged };
}

async function main() {
    await assertSiteBuilt();
    const server = await startServer();
    const browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: CHROMIUM_ARGS,
        headless: true,
    });
    const results = [];
    try {
        for (const site of SITES) {
            process.stderr.write(`measuring ${site.name} …\n`);
            const files = await transferSizes(browser, server.origin, site);
            const load = await timeToInteractive(browser, server.origin, site);
            const floor = await timeToLoaderWithoutFinder(browser, server.origin, site);
            const typing = await keystrokeLatencies(browser, server.origin, site);
            results.push({ site, files, load, floor, typing });
        }
    } finally {
        await browser.close();
        await server.close();
    }

    console.log(`chromium ${browser.version()}, headless, localhost, ${new Date().toISOString().slice(0, 10)}\n`);
    console.log('Transfer for a first search (gzip level 6; raw size in brackets):\n');
    const paths = [...new Set(results.flatMap((result) => result.files.map((file) => file.path.replace(/^\/(thueringen|berlin)\.zufi$/, 'index (.zufi)'))))];
    console.log(`| file | ${results.map((result) => result.site.name).join(' | ')} |`);
    console.log(`|---|${results.map(() => '---:').join('|')}|`);
    for (const path of paths) {
        const cells = results.map((result) => {
            const file = result.files.find((candidate) => candidate.path.replace(/^\/(thueringen|berlin)\.zufi$/, 'index (.zufi)') === path);
            return file ? `${kib(file.gzip)} KiB (${kib(file.raw)})` : '–';
        });
        console.log(`| ${path} | ${cells.join(' | ')} |`);
    }
    const totals = results.map((result) => result.files.reduce((sum, file) => sum + file.gzip, 0));
    const rawTotals = results.map((result) => result.files.reduce((sum, file) => sum + file.raw, 0));
    console.log(`| **sum** | ${totals.map((total, i) => `**${kib(total)} KiB** (${kib(rawTotals[i])})`).join(' | ')} |`);

    console.log('\nTiming (ms):\n');
    console.log('| | ' + results.map((result) => result.site.name).join(' | ') + ' |');
    console.log(`|---|${results.map(() => '---:').join('|')}|`);
    const row = (label, values) => console.log(`| ${label} | ${values.join(' | ')} |`);
    row(`navigation → interactive, median of ${RUNS_TO_INTERACTIVE} cold loads`, results.map((result) => ms(quantile(result.load, 0.5))));
    row('navigation → interactive, slowest', results.map((result) => ms(result.load[result.load.length - 1])));
    row(
        `the same page without the finder: navigation → its loader ran, median of ${RUNS_TO_INTERACTIVE}`,
        results.map((result) => ms(quantile(result.floor, 0.5))),
    );
    row('keystroke → finder updated, median', results.map((result) => ms(quantile(result.typing.latencies, 0.5))));
    row('keystroke → finder updated, p99', results.map((result) => ms(quantile(result.typing.latencies, 0.99))));
    row('keystrokes measured (without a visible change)', results.map((result) => `${result.typing.latencies.length} (${result.typing.unchanged})`));
    console.log(`\nqueries typed: ${results.map((result) => `${result.site.name} "${result.site.query}"`).join(', ')}, ${TYPING_REPEATS} times each`);
}

await main();
