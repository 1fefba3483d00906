// Where the wasm spends its time (a profile, not a test): the functions with the most self time,
// sampled by V8's CPU profiler over the same code the served wasm has, with the function names
// that build-widget keeps in build/zufi_*_bg.names.wasm (before wasm-opt, so slightly slower).
//
//   node www/tools/profile-wasm.mjs search [ROUNDS]   the headless API in Node: the public Berlin
//                                                      queries of tests/relevance/queries.tsv,
//                                                      limit 10, no place (default 40 rounds)
//   node www/tools/profile-wasm.mjs load [PATH]        cold loads of the demo page PATH (default /)
//                                                      in headless Chromium until the finder is
//                                                      interactive, 5 loads
//
// Needs a built build/www (scripts/build-widget). Prints the 30 largest shares of self time;
// "(program)" is the browser's own work outside JavaScript and wasm, "(idle)" waiting.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Session } from 'node:inspector/promises';

import { CHROMIUM, CHROMIUM_ARGS } from './chromium.mjs';
import { REPO_ROOT, SITE_ROOT, assertSiteBuilt, finderInteractiveAt, startServer } from '../../tests/e2e/support.mjs';

const TOP = 30;
const LOADS = 5;

/** Self time per function name, from a V8 CPU profile, into `totals`; returns the profile's length in ms. */
function addSelfTimes(profile, totals) {
    const byId = new Map(profile.nodes.map((node) => [node.id, node]));
    let total = 0;
    profile.samples.forEach((id, i) => {
        const frame = byId.get(id).callFrame;
        const file = frame.url.split('/').pop();
        const name = `${frame.functionName || '(anonymous)'}${file ? ` [${file}]` : ''}`;
        const ms = profile.timeDeltas[i] / 1000;
        totals.set(name, (totals.get(name) ?? 0) + ms);
        total += ms;
    });
    return total;
}

function printTop(totals, total, runs) {
    console.log(`self time, mean per run of ${runs}: ${(total / runs).toFixed(1)} ms sampled\n`);
    console.log('| share | ms | function |\n|---:|---:|---|');
    for (const [name, ms] of [...totals].sort((a, b) => b[1] - a[1]).slice(0, TOP)) {
        const shown = name.replace(/::h[0-9a-f]{16}/g, '').replace(/\[[0-9a-f]{16}\]/g, '').slice(0, 140);
        console.log(`| ${((100 * ms) / total).toFixed(1)} % | ${(ms / runs).toFixed(2)} | \`${shown.replaceAll('|', '\\|')}\` |`);
    }
}

async function profileSearch(rounds) {
    const glue = await import(join(SITE_ROOT, 'dist', 'zufi_headless.js'));
    glue.initSync({ module: readFileSync(join(REPO_ROOT, 'build', 'zufi_headless_bg.names.wasm')) });
    const index = glue.ZufiIndex.fromBytes(readFileSync(join(SITE_ROOT, 'berlin.zufi')));
    const rows = readFileSync(join(REPO_ROOT, 'tests', 'relevance', 'queries.tsv'), 'utf8')
        .split('\n')
        .filter((line) => line !== '' && !line.startsWith('#'))
        .map((line) => line.split('\t'));
    const header = rows.shift();
    const [catalog, query] = [header.indexOf('catalog'), header.indexOf('query')];
    const queries = rows.filter((row) => row[catalog] === 'berlin').map((row) => row[query]);
    for (const text of queries) index.search(text, { limit: 10 });

    const session = new Session();
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 50 });
    await session.post('Profiler.start');
    for (let round = 0; round < rounds; round += 1) {
        for (const text of queries) index.search(text, { limit: 10 });
    }
    const { profile } = await session.post('Profiler.stop');
    session.disconnect();
    const totals = new Map();
    const total = addSelfTimes(profile, totals);
    console.log(`headless API in Node ${process.version}: ${queries.length} public Berlin queries × ${rounds} rounds`);
    printTop(totals, total, rounds);
}

async function profileLoad(path) {
    await assertSiteBuilt();
    const { chromium } = createRequire(join(REPO_ROOT, 'www', 'package.json'))('playwright-core');
    const server = await startServer();
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
    const names = readFileSync(join(REPO_ROOT, 'build', 'zufi_widget_bg.names.wasm'));
    const totals = new Map();
    let total = 0;
    try {
        for (let load = 0; load < LOADS; load += 1) {
            const context = await browser.newContext();
            const page = await context.newPage();
            await page.route('**/dist/zufi_widget_bg.wasm', (route) =>
                route.fulfill({ contentType: 'application/wasm', body: names }),
            );
            const cdp = await context.newCDPSession(page);
            await cdp.send('Profiler.enable');
            await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
            await cdp.send('Profiler.start');
            await page.goto(server.origin + path, { waitUntil: 'commit' });
            await page.waitForFunction(finderInteractiveAt, undefined, { polling: 'raf', timeout: 30_000 });
            const { profile } = await cdp.send('Profiler.stop');
            total += addSelfTimes(profile, totals);
            await context.close();
        }
    } finally {
        await browser.close();
        await server.close();
    }
    console.log(`Chromium ${browser.version()}: cold loads of ${path} until the finder is interactive`);
    printTop(totals, total, LOADS);
}

const [what, argument] = process.argv.slice(2);
if (what === 'search') await profileSearch(Number(argument ?? 40));
else if (what === 'load') await profileLoad(argument ?? '/');
else {
    console.error('usage: node www/tools/profile-wasm.mjs search [ROUNDS] | load [PATH]');
    process.exit(2);
}
