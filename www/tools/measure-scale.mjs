// Open time and query latency of one index through zufi's headless JS API — a benchmark, not a
// test (scripts/measure-scale runs it; docs/GENERATED-CATALOGS.md describes the catalogs):
//
//   node www/tools/measure-scale.mjs INDEX [--browser]
//
// Node (default): build/www/dist/zufi.js (ZUFI_DIST points elsewhere), the index read from disk.
// --browser: the same calls in Debian's headless Chromium (playwright-core from www/node_modules,
// ZUFI_CHROMIUM=/usr/bin/chromium), page, widget files and index served from 127.0.0.1 with
// cross-origin isolation, so that performance.now() resolves 5 µs instead of 100 µs.
//
// Measured: starting the wasm (ready()), opening the index (ZufiIndex.fromBytes on bytes already in
// memory, freed again after each open: once, which also grows the wasm memory, then repeatedly for
// about three seconds), and search() for the
// queries of benches/scale-queries.json (ten hits), each without a place and with the first of its
// places that the index finds by name with the same ARS, repeated up to 2,000 times or about two
// seconds, timed one by one. search() returns plain JS objects, so the times include building
// them (responsible authorities with addresses and opening hours, when a place is given).
// Memory (Node only): the resident set with the index bytes and one open index; wasm memory never
// shrinks, so it also holds what the freed earlier opens used at their peak. Prints Markdown tables.
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { readFile } from 'node:fs/promises';
import { basename, extname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { CHROMIUM, CHROMIUM_ARGS } from './chromium.mjs';

const REPO_ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const DIST = resolve(process.env.ZUFI_DIST ?? join(REPO_ROOT, 'build', 'www', 'dist'));

const args = process.argv.slice(2);
const browser = args.includes('--browser');
const indexArg = args.find((arg) => !arg.startsWith('--'));
if (indexArg === undefined || args.some((arg) => arg.startsWith('--') && arg !== '--browser')) {
    console.error('usage: node www/tools/measure-scale.mjs INDEX [--browser]');
    process.exit(2);
}
const indexPath = resolve(indexArg);
const { queries } = JSON.parse(await readFile(join(REPO_ROOT, 'benches', 'scale-queries.json'), 'utf8'));

/**
 * The measurement itself, run in Node or (serialised by playwright) in the page: it may use
 * nothing from this module's scope.
 */
async function measure({ moduleUrl, indexUrl, queries, budgets }) {
    const now = () => performance.now();
    const sorted = (values) => [...values].sort((a, b) => a - b);
    const quantile = (values, q) => values[Math.round((values.length - 1) * q)];
    function sample(min, max, budgetMs, run) {
        const times = [];
        const started = now();
        while (times.length < min || (times.length < max && now() - started < budgetMs)) {
            const one = now();
            run();
            times.push(now() - one);
        }
        return sorted(times);
    }

    const zufi = await import(moduleUrl);
    let started = now();
    await zufi.ready();
    const wasmStartMs = now() - started;
    let bytes;
    if (typeof process !== 'undefined' && process.versions?.node != null) {
        const { readFile } = await import('node:fs/promises');
        bytes = new Uint8Array(await readFile(new URL(indexUrl)));
    } else {
        bytes = new Uint8Array(await (await fetch(indexUrl)).arrayBuffer());
    }

    // The first open also grows the wasm memory; later ones reuse it.
    started = now();
    zufi.ZufiIndex.fromBytes(bytes).free();
    const firstOpenMs = now() - started;
    const opens = sample(budgets.opensMin, budgets.opensMax, budgets.openMs, () => {
        zufi.ZufiIndex.fromBytes(bytes).free();
    });
    const index = zufi.ZufiIndex.fromBytes(bytes);
    // Node's resident set with the bytes and one open index (and the pages of the freed ones at
    // their peak: wasm memory never shrinks). The page has no such measure that counts wasm memory.
    const memoryMiB =
        typeof process !== 'undefined' && process.versions?.node != null ? process.memoryUsage().rss / 2 ** 20 : null;
    const rows = [];
    for (const { query, places } of queries) {
        const place = places.find(({ ars, name }) => index.locate(name).some((region) => region.ars === ars));
        for (const at of [null, place ?? undefined]) {
            if (at === undefined) continue;
            const options = at === null ? { limit: 10 } : { ars: at.ars, limit: 10 };
            const hits = index.search(query, options).length;
            const times = sample(budgets.queryMin, budgets.queryMax, budgets.queryMs, () => {
                index.search(query, options);
            });
            rows.push({ query, place: at?.name ?? null, hits, times });
        }
    }
    index.free();
    return {
        wasmStartMs,
        bytes: bytes.length,
        opens: {
            first: firstOpenMs,
            runs: opens.length,
            median: quantile(opens, 0.5),
            min: opens[0],
            max: opens[opens.length - 1],
        },
        memoryMiB,
        rows,
        resolutionNote:
            typeof crossOriginIsolated === 'undefined' || crossOriginIsolated ? '' : ' (not cross-origin isolated)',
    };
}

const budgets = { opensMin: 3, opensMax: 50, openMs: 3000, queryMin: 20, queryMax: 2000, queryMs: 2000 };
let result;
let environment;
if (browser) {
    ({ result, environment } = await inChromium());
} else {
    environment = `Node ${process.version}`;
    result = await measure({
        moduleUrl: pathToFileURL(join(DIST, 'zufi.js')).href,
        indexUrl: pathToFileURL(indexPath).href,
        queries,
        budgets,
    });
}
print(result, environment);

async function inChromium() {
    const requireFromWww = createRequire(join(REPO_ROOT, 'www', 'package.json'));
    const { chromium } = requireFromWww('playwright-core');
    const types = { '.js': 'text/javascript', '.wasm': 'application/wasm', '.zufi': 'application/octet-stream' };
    const server = createServer(async (request, response) => {
        const path = decodeURIComponent(new URL(request.url, 'http://localhost').pathname);
        const headers = {
            'cross-origin-opener-policy': 'same-origin',
            'cross-origin-embedder-policy': 'require-corp',
            'cache-control': 'no-store',
        };
        try {
            let body;
            let type = 'text/html; charset=utf-8';
            if (path === '/') {
                body = '<!doctype html><meta charset="utf-8"><title>zufi measure-scale</title>';
            } else if (path === '/index.zufi') {
                body = await readFile(indexPath);
                type = types['.zufi'];
            } else if (path.startsWith('/dist/') && !path.includes('..')) {
                body = await readFile(join(DIST, path.slice('/dist/'.length)));
                type = types[extname(path)] ?? 'application/octet-stream';
            } else {
                response.writeHead(404, headers).end();
                return;
            }
            response.writeHead(200, { ...headers, 'content-type': type, 'content-length': body.length }).end(body);
        } catch {
            response.writeHead(404, headers).end();
        }
    });
    await new Promise((done) => server.listen(0, '127.0.0.1', done));
    const origin = `http://127.0.0.1:${server.address().port}`;
    const instance = await chromium.launch({
        executablePath: CHROMIUM,
        args: CHROMIUM_ARGS,
    });
    try {
        const page = await instance.newPage();
        await page.goto(`${origin}/`);
        const measured = await page.evaluate(measure, {
            moduleUrl: `${origin}/dist/zufi.js`,
            indexUrl: `${origin}/index.zufi`,
            queries,
            budgets,
        });
        return { result: measured, environment: `Chromium ${instance.version()}` };
    } finally {
        await instance.close();
        server.close();
    }
}

function print(result, environment) {
    const name = basename(indexPath);
    const ms = (value) => value.toFixed(2);
    const us = (value) => (value * 1000).toFixed(1);
    const quantile = (values, q) => values[Math.round((values.length - 1) * q)];
    console.log(`${environment}${result.resolutionNote}: wasm start (ready()) ${ms(result.wasmStartMs)} ms`);
    console.log();
    console.log('| index | where | bytes | first open ms | then opens | median ms | min ms | max ms | RSS MiB |');
    console.log('|---|---|---:|---:|---:|---:|---:|---:|---:|');
    const { opens } = result;
    const memory = result.memoryMiB == null ? '—' : result.memoryMiB.toFixed(0);
    console.log(
        `| ${name} | ${environment} | ${result.bytes} | ${ms(opens.first)} | ${opens.runs} | ${ms(opens.median)} | ` +
            `${ms(opens.min)} | ` +
            `${ms(opens.max)} | ${memory} |`,
    );
    console.log();
    console.log('| index | where | query | place | runs | hits | median µs | p99 µs |');
    console.log('|---|---|---|---|---:|---:|---:|---:|');
    const all = { false: [], true: [] };
    for (const row of result.rows) {
        console.log(
            `| ${name} | ${environment} | ${row.query} | ${row.place ?? '—'} | ${row.times.length} | ${row.hits} | ` +
                `${us(quantile(row.times, 0.5))} | ${us(quantile(row.times, 0.99))} |`,
        );
        all[row.place !== null].push(...row.times);
    }
    for (const withPlace of [false, true]) {
        const times = all[withPlace].sort((a, b) => a - b);
        if (times.length === 0) continue;
        console.log(
            `| ${name} | ${environment} | **all** | ${withPlace ? 'with a place' : 'without a place'} | ${times.length} | | ` +
                `**${us(quantile(times, 0.5))}** | **${us(quantile(times, 0.99))}** |`,
        );
    }
}
