// Measures the finder's worst single input in Chromium (a measurement, not a test): a paste of
// 100,000 characters of umlauts and emoji into the search box, keystrokes after it, the same text
// set by script (which the box's maxlength does not stop: autofill, extensions) and in a
// `#zufi:q=` link, and the wasm memory after each and after clearing the box. For each step it
// reports how long the page took to handle each input event (keydown, input, popstate and
// hashchange: from a capturing listener on window, which runs first, to a bubbling one, which
// runs after the finder's handler and the render it starts), the longest main-thread task (a
// Long Tasks entry: the time the page cannot respond, reported from 50 ms on), and the wasm
// memory. Prints Markdown tables for docs/RELIABILITY.md.
//
//   scripts/build-widget && node www/tools/measure-hostile-input.mjs
//
// environment: ZUFI_CHROMIUM=/usr/bin/chromium, MEASURE_PASTE_CHARS=100000
import { join } from 'node:path';
import { createRequire } from 'node:module';

import { CHROMIUM, CHROMIUM_ARGS } from './chromium.mjs';
import { REPO_ROOT, assertSiteBuilt, startServer, waitForFinder } from '../../tests/e2e/support.mjs';

const requireFromWww = createRequire(join(REPO_ROOT, 'www', 'package.json'));
const { chromium } = requireFromWww('playwright-core');

const PASTE_CHARS = Number(process.env.MEASURE_PASTE_CHARS ?? 100_000);
// Umlauts, ß and emoji (two UTF-16 units each) in words of five characters, as the review pasted.
const PASTE = [...'äöüß😀 '.repeat(Math.ceil(PASTE_CHARS / 6))].slice(0, PASTE_CHARS).join('');

const SITES = [
    { name: 'Berlin', path: '/berlin.html' },
    { name: 'Thüringen', path: '/' },
];

// In the page: long tasks and event handling times from now on, the finder's input, and its wasm
// memory. The glue's init returns the running module's exports when called again, among them its
// memory.
function instrument(page) {
    return page.evaluate(async () => {
        const tasks = [];
        const handled = [];
        new PerformanceObserver((list) => tasks.push(...list.getEntries().map((entry) => entry.duration))).observe({
            type: 'longtask',
        });
        for (const type of ['keydown', 'input', 'popstate', 'hashchange']) {
            let started = null;
            window.addEventListener(type, () => {
                started = performance.now();
            }, { capture: true });
            window.addEventListener(type, () => {
                if (started !== null) handled.push(performance.now() - started);
                started = null;
            });
        }
        const exports = await (await import('/dist/zufi_widget.js')).default();
        window.__zufiMeasure = {
            tasks,
            handled,
            memory: () => exports.memory.buffer.byteLength,
            input: () => document.querySelector('zufi-finder').shadowRoot.querySelector('input[role="combobox"]'),
        };
    });
}

// Runs `action`, waits until the page has rendered twice more, and returns the long tasks in
// between and the state after.
async function step(page, action) {
    await page.evaluate(() => {
        window.__zufiMeasure.tasks.length = 0;
        window.__zufiMeasure.handled.length = 0;
    });
    await action();
    await page.evaluate(
        () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve, 100)))),
    );
    return page.evaluate(() => {
        const { tasks, handled, memory, input } = window.__zufiMeasure;
        return {
            handled: handled.length === 0 ? 0 : Math.max(...handled),
            longest: tasks.length === 0 ? 0 : Math.max(...tasks),
            memory: memory(),
            value: [...input().value].length,
            hash: decodeURIComponent(location.hash).length,
        };
    });
}

async function measureSite(browser, origin, site) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(origin + site.path);
    const box = await waitForFinder(page);
    await instrument(page);
    const rows = [];
    const record = async (label, action) => rows.push({ label, ...(await step(page, action)) });

    await record('start (nothing typed)', async () => {});
    await box.focus();
    await record(`paste of ${PASTE_CHARS.toLocaleString('en')} characters (insertText, as Ctrl+V)`, () =>
        page.keyboard.insertText(PASTE),
    );
    let worst = { handled: -1 };
    for (const key of ['Backspace', 'Backspace', 'a', 'b', 'Backspace', 'ArrowDown', 'End', 'x']) {
        const result = await step(page, () => page.keyboard.press(key));
        if (result.handled >= worst.handled) worst = result;
    }
    rows.push({ label: 'worst of 8 keystrokes after it', ...worst });
    await record('box cleared (Ctrl+A, Delete)', async () => {
        await page.keyboard.press('Control+A');
        await page.keyboard.press('Delete');
    });
    await record('the same text set by script (value + input event)', () =>
        box.evaluate((input, text) => {
            input.value = text;
            input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, inputType: 'insertFromPaste' }));
        }, PASTE),
    );
    await record('box cleared', () => box.fill(''));
    await record('the same text in a #zufi:q= link', () =>
        page.evaluate((text) => {
            location.hash = `zufi:q=${encodeURIComponent(text)}`;
        }, PASTE),
    );
    await record('box cleared', () => box.fill(''));
    await context.close();
    return rows;
}

async function main() {
    await assertSiteBuilt();
    const server = await startServer();
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
    const results = [];
    try {
        for (const site of SITES) {
            process.stderr.write(`measuring ${site.name} …\n`);
            results.push({ site, rows: await measureSite(browser, server.origin, site) });
        }
    } finally {
        await browser.close();
        await server.close();
    }
    const mib = (bytes) => (bytes / 2 ** 20).toFixed(1);
    console.log(`chromium ${browser.version()}, headless, localhost, ${new Date().toISOString().slice(0, 10)}\n`);
    for (const { site, rows } of results) {
        console.log(`${site.name} (${site.path}):\n`);
        console.log('| step | slowest event handled in (ms) | longest task ≥ 50 ms (ms) | wasm memory (MiB) | characters in the box | characters in the hash |');
        console.log('|---|---:|---:|---:|---:|---:|');
        for (const row of rows) {
            const longest = row.longest === 0 ? '–' : row.longest.toFixed(0);
            console.log(
                `| ${row.label} | ${row.handled.toFixed(1)} | ${longest} | ${mib(row.memory)} | ${row.value} | ${row.hash} |`,
            );
        }
        console.log('');
    }
}

await main();
