// The peer benchmark (issue 9): zufi against the search libraries a municipality would pick
// instead, on the demo catalogs and the public judged query set. Run it through
// `scripts/bench-peers`, which installs the pinned packages and builds zufi first; this file only
// measures and writes build/bench-peers/results.json (report.mjs turns that into
// docs/BENCHMARKS.md and the charts).
//
// What it measures, per library and catalog:
//   - Recall@1, Recall@5, MRR@10 per category and overall (tests/relevance/queries.tsv);
//   - search latency: every query timed one by one, one warm-up round and BENCH_ROUNDS measured
//     rounds, the libraries interleaved round by round in this one Node process; Pagefind, which
//     needs a browser, in headless Chromium, with zufi measured there too for comparison;
//   - index build time (in-process for the JS libraries; Pagefind's indexer binary through its Node
//     API; zufi's CLI `zufi build` as a separate, labelled number) and time to open a shipped index;
//   - sizes raw/gzip/brotli: the library (minified browser bundle), the shipped index, and the
//     transfer of a first search (library + index; for Pagefind what the browser fetched).
//
// zufi is measured through both loaders of build/www/dist (www/README.md, "Headless API"), with
// the same index and the same search core, so the same results: "zufi (headless)" through
// zufi-headless.js (wasm without the finder, search core built for speed), the row comparable with
// the JS libraries, which are headless too; "zufi (finder)" through zufi.js (the finder's wasm,
// built for size), whose headless API a page with the finder uses. "zufi without thesaurus" uses
// the headless loader. Their first-search transfer is the files each loader makes a browser fetch
// (LOADERS below), with the sizes of the .gz/.br files build-widget writes next to them; in
// Chromium a cold first search through each loader checks that list against what was fetched.
//
// Environment:
//   BENCH_ROUNDS=5          measured latency rounds over all queries (after one warm-up round)
//   BENCH_BUILD_RUNS=5      index builds timed per library and catalog (after one warm-up build)
//   BENCH_COLD_LOADS=all    cold Pagefind first searches per catalog (a number takes the first N queries)
//   BENCH_BROWSER=1         0 skips everything that needs Chromium (Pagefind, zufi in Chromium)
//   BENCH_QUICK=0           1 marks the results as a quick check (scripts/bench-peers --quick)
//   BENCH_OUT=build/bench-peers
//   ZUFI_DIST=build/www/dist, ZUFI_INDEXES=build/www   the built widget and demo indexes
//   ZUFI_BIN                the zufi CLI, for its build time and the index without thesaurus
//   ZUFI_CHROMIUM=/usr/bin/chromium
//
// Run with `node --expose-gc` (as scripts/bench-peers does) so that a garbage collection can run
// before each library's turn in the latency rounds.

import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import os from 'node:os';
import { dirname, extname, join, normalize, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { brotliCompressSync, brotliDecompressSync, constants as zlibConstants, gunzipSync, gzipSync } from 'node:zlib';

import { CHROMIUM, CHROMIUM_ARGS } from '../../www/tools/chromium.mjs';
import { LIMIT, PEERS } from './engines.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO = resolve(HERE, '../..');
const env = process.env;
const intEnv = (name, fallback) => {
    const value = env[name];
    if (value === undefined || value === '') return fallback;
    const number = Number(value);
    if (!Number.isInteger(number) || number < 0) throw new Error(`${name} must be a whole number, not "${value}"`);
    return number;
};

const ROUNDS = Math.max(1, intEnv('BENCH_ROUNDS', 5));
const BUILD_RUNS = Math.max(1, intEnv('BENCH_BUILD_RUNS', 5));
const COLD_LOADS = env.BENCH_COLD_LOADS && env.BENCH_COLD_LOADS !== 'all' ? intEnv('BENCH_COLD_LOADS', 0) : Infinity;
const BROWSER = env.BENCH_BROWSER !== '0';
const OUT = resolve(REPO, env.BENCH_OUT ?? 'build/bench-peers');
const ZUFI_DIST = resolve(REPO, env.ZUFI_DIST ?? 'build/www/dist');
const ZUFI_INDEXES = resolve(REPO, env.ZUFI_INDEXES ?? 'build/www');
const ZUFI_BIN = env.ZUFI_BIN ? resolve(REPO, env.ZUFI_BIN) : null;
const CATALOGS = ['berlin', 'thueringen'];
const QUERIES_FILE = 'tests/relevance/queries.tsv';

const log = (message) => console.log(`[bench-peers] ${message}`);

// ---------------------------------------------------------------------------------------------
// Small helpers

/** Bytes raw, gzip (level 9) and brotli (quality 11): what a server that precompresses its static
 * files sends. Files that already are gzip streams (Pagefind's index and wasm) count as they are. */
function sizes(data) {
    const buffer = typeof data === 'string' ? Buffer.from(data) : Buffer.from(data);
    if (buffer.length > 2 && buffer[0] === 0x1f && buffer[1] === 0x8b) {
        return { raw: buffer.length, gzip: buffer.length, brotli: buffer.length, precompressed: true };
    }
    return {
        raw: buffer.length,
        gzip: gzipSync(buffer, { level: 9 }).length,
        brotli: brotliCompressSync(buffer, {
            params: {
                [zlibConstants.BROTLI_PARAM_QUALITY]: 11,
                [zlibConstants.BROTLI_PARAM_SIZE_HINT]: buffer.length,
            },
        }).length,
    };
}

/** `sizes` of a file as a host serves it: raw, and the FILE.gz and FILE.br next to it (written by
 * www/tools/precompress.mjs with the same settings as `sizes`) when both exist and decompress to
 * the file; otherwise computed. `served` says which. */
async function servedSizes(path) {
    const data = await readFile(path);
    try {
        const [gz, br] = await Promise.all([readFile(`${path}.gz`), readFile(`${path}.br`)]);
        if (gunzipSync(gz).equals(data) && brotliDecompressSync(br).equals(data)) {
            return { raw: data.length, gzip: gz.length, brotli: br.length, served: 'precompressed' };
        }
    } catch {
        /* no precompressed files: computed below */
    }
    return { ...sizes(data), served: 'computed' };
}

const addSizes = (list) =>
    list.reduce((sum, s) => ({ raw: sum.raw + s.raw, gzip: sum.gzip + s.gzip, brotli: sum.brotli + s.brotli }), {
        raw: 0,
        gzip: 0,
        brotli: 0,
    });

function quantile(values, q) {
    if (values.length === 0) return null;
    const sorted = [...values].sort((a, b) => a - b);
    const position = (sorted.length - 1) * q;
    const lower = Math.floor(position);
    const upper = Math.ceil(position);
    return sorted[lower] + (sorted[upper] - sorted[lower]) * (position - lower);
}

const latencyStats = (ms) => ({ n: ms.length, median: quantile(ms, 0.5), p99: quantile(ms, 0.99), mean: ms.reduce((a, b) => a + b, 0) / ms.length });

function timed(fn) {
    const start = performance.now();
    const value = fn();
    return { value, ms: performance.now() - start };
}

function medianOfRuns(runs, fn) {
    fn(); // warm-up
    const times = [];
    let value;
    for (let i = 0; i < runs; i += 1) {
        const t = timed(fn);
        times.push(t.ms);
        value = t.value;
    }
    return { value, median: quantile(times, 0.5), min: Math.min(...times), max: Math.max(...times), runs };
}

// ---------------------------------------------------------------------------------------------
// Queries and relevance

async function readQueries() {
    const text = await readFile(join(REPO, QUERIES_FILE), 'utf8');
    const rows = [];
    let header = null;
    for (const line of text.split('\n')) {
        if (line === '' || line.startsWith('#')) continue;
        const cols = line.split('\t');
        if (header === null) {
            header = cols;
            if (cols.slice(0, 4).join('\t') !== 'catalog\tcategory\tquery\tacceptable') {
                throw new Error(`${QUERIES_FILE}: unexpected header ${line}`);
            }
            continue;
        }
        const [catalog, category, query, acceptable] = cols;
        rows.push({ catalog, category, query, acceptable: acceptable.split(',') });
    }
    return rows;
}

/** Rank (1-based) of the first acceptable id among the results, or null. */
function firstRank(ids, acceptable) {
    const index = ids.findIndex((id) => acceptable.includes(id));
    return index < 0 ? null : index + 1;
}

// ---------------------------------------------------------------------------------------------
// zufi through its two loaders

/** The two loaders of build/www/dist and the files each makes a browser fetch before a first search
 * shows results, besides the index (www/README.md, "The folder holds" and "Headless API"). */
const LOADERS = {
    headless: {
        key: 'zufi-headless',
        name: 'zufi (headless)',
        module: 'zufi-headless.js',
        files: ['zufi-headless.js', 'zufi-api.js', 'zufi_headless.js', 'zufi_headless_bg.wasm'],
    },
    finder: {
        key: 'zufi-finder',
        name: 'zufi (finder)',
        module: 'zufi.js',
        files: ['zufi.js', 'zufi-api.js', 'zufi_widget.js', 'zufi_widget_bg.wasm', 'zufi.css'],
    },
};

for (const loader of Object.values(LOADERS)) {
    for (const file of loader.files) {
        if (!existsSync(join(ZUFI_DIST, file))) {
            throw new Error(`${join(ZUFI_DIST, file)} is missing: run scripts/build-widget (or scripts/bench-peers --rebuild)`);
        }
    }
    loader.api = await import(pathToFileURL(join(ZUFI_DIST, loader.module)).href);
    await loader.api.ready();
}

function serviceText(record) {
    return [
        record.teaser,
        record.short,
        record.full,
        record.requiredDocuments,
        record.prerequisites,
        record.procedure,
        record.costs,
        record.deadline,
        record.processingTime,
        record.legalBasis,
        record.formsText,
        record.furtherInformation,
        record.notes,
        record.appeal,
    ]
        .filter((text) => text !== null && text !== '')
        .join('\n');
}

/** The documents every library indexes: the services of the built index, read through the API. */
function documentsOf(index) {
    return index.services().map(({ id }) => {
        const record = index.service(id);
        return {
            id,
            name: record.name,
            synonyms: record.synonyms.join('; '),
            text: serviceText(record),
            topics: record.topics.map((topic) => topic.name).join('; '),
        };
    });
}

/** zufi as an engine: `indexes[catalog]` = {bytes, path}; `path` is the file a host serves (its
 * .gz/.br beside it give the transfer sizes), or null for an index built only for this run. */
function zufiEngine(loaderId, key, name, indexes) {
    const { api } = LOADERS[loaderId];
    return {
        key,
        name,
        loader: loaderId,
        packages: [],
        prebuilt: true,
        build: (docs, catalog) => api.ZufiIndex.fromBytes(indexes[catalog].bytes),
        search: (index, query) => index.search(query, { limit: LIMIT }).map((hit) => hit.id),
        serialize: (index, docs, catalog) => [{ name: `${catalog}.zufi`, data: indexes[catalog].bytes, path: indexes[catalog].path }],
        load: ([file]) => api.ZufiIndex.fromBytes(file.data),
    };
}

// ---------------------------------------------------------------------------------------------
// Machine, versions

async function machine() {
    const cpuinfo = await readFile('/proc/cpuinfo', 'utf8').catch(() => '');
    const model = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1]?.trim() ?? os.cpus()[0]?.model ?? 'unknown';
    let nproc = os.availableParallelism?.() ?? os.cpus().length;
    try {
        nproc = Number(execFileSync('nproc', { encoding: 'utf8' }).trim());
    } catch {
        /* keep Node's count */
    }
    let commit = null;
    try {
        commit = execFileSync('git', ['-C', REPO, 'rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
        const dirty = execFileSync('git', ['-C', REPO, 'status', '--porcelain', '--untracked-files=no'], {
            encoding: 'utf8',
        }).trim();
        if (dirty !== '') commit += ' (with uncommitted changes)';
    } catch {
        /* not a git checkout */
    }
    return {
        date: new Date().toISOString(),
        nproc,
        cpu: model,
        memoryGiB: Math.round(os.totalmem() / 2 ** 30),
        os: `${os.type()} ${os.release()} ${os.arch()}`,
        node: process.version,
        zufiCommit: commit,
        loadavg: os.loadavg(),
    };
}

/** Versions of everything installed in bench/peers (from its lock file), and which of them
 * package.json pins directly; playwright-core from www/'s lock file. */
async function packageVersions() {
    const lock = JSON.parse(await readFile(join(HERE, 'package-lock.json'), 'utf8'));
    const versions = {};
    for (const [path, info] of Object.entries(lock.packages ?? {})) {
        if (!path.startsWith('node_modules/')) continue;
        versions[path.slice('node_modules/'.length)] = info.version;
    }
    const manifest = JSON.parse(await readFile(join(HERE, 'package.json'), 'utf8'));
    const pinned = Object.keys({ ...manifest.dependencies, ...manifest.devDependencies }).sort();
    try {
        const www = JSON.parse(await readFile(join(REPO, 'www', 'package-lock.json'), 'utf8'));
        versions['playwright-core'] = www.packages?.['node_modules/playwright-core']?.version ?? null;
    } catch {
        versions['playwright-core'] = null;
    }
    return { versions, pinned };
}

// ---------------------------------------------------------------------------------------------
// Library bundle sizes: what a browser needs to load a shipped index and search it, bundled and
// minified by esbuild from the package's own browser entry.

async function bundleSize(engine) {
    const esbuild = await import('esbuild');
    const result = await esbuild.build({
        stdin: { contents: engine.bundle, resolveDir: HERE, loader: 'js' },
        bundle: true,
        minify: true,
        format: 'esm',
        platform: 'browser',
        target: 'es2020',
        write: false,
        logLevel: 'silent',
    });
    const code = result.outputFiles[0].contents;
    const packageFiles = [];
    for (const path of engine.packageFiles ?? []) {
        packageFiles.push({ name: path, ...sizes(await readFile(join(HERE, 'node_modules', path))) });
    }
    return {
        files: [{ name: `${engine.key}.min.js`, ...sizes(code) }],
        total: sizes(code),
        packageFiles,
        packageTotal: packageFiles.length > 0 ? addSizes(packageFiles) : null,
    };
}

/** The files a loader makes a browser fetch besides the index, with the sizes a host serves. */
async function zufiLibrary(loader) {
    const files = [];
    for (const name of loader.files) files.push({ name, ...(await servedSizes(join(ZUFI_DIST, name))) });
    return { loader: loader.module, files, total: addSizes(files) };
}

// ---------------------------------------------------------------------------------------------
// zufi CLI build time

function zufiCliBuild(catalogs) {
    if (ZUFI_BIN === null || !existsSync(ZUFI_BIN)) return null;
    const result = { bin: relative(REPO, ZUFI_BIN), version: null, runs: BUILD_RUNS, catalogs: {} };
    try {
        result.version = execFileSync(ZUFI_BIN, ['--version'], { encoding: 'utf8' }).trim();
    } catch {
        /* older CLI without --version */
    }
    for (const catalog of catalogs) {
        const out = join(OUT, `cli-build-${catalog}.zufi`);
        const run = () => {
            const start = performance.now();
            const child = spawnSync(ZUFI_BIN, ['build', `index/${catalog}`, '-o', out, '--quiet'], {
                cwd: REPO,
                encoding: 'utf8',
            });
            const ms = performance.now() - start;
            if (child.status !== 0) throw new Error(`zufi build index/${catalog} failed: ${child.stderr}`);
            return ms;
        };
        run();
        const times = Array.from({ length: BUILD_RUNS }, run);
        result.catalogs[catalog] = { median: quantile(times, 0.5), min: Math.min(...times), max: Math.max(...times) };
    }
    return result;
}

/** Section sizes from `zufi inspect`: how much of the index is search data and how much is the
 * "who is responsible where" part the peers' indexes do not carry. */
function zufiSections(file) {
    if (ZUFI_BIN === null || !existsSync(ZUFI_BIN)) return null;
    const text = execFileSync(ZUFI_BIN, ['inspect', file], { encoding: 'utf8' });
    const sections = {};
    let inTable = false;
    for (const line of text.split('\n')) {
        if (/^section\s+bytes/.test(line)) {
            inTable = true;
            continue;
        }
        const match = inTable ? /^(\w+)\s+([\d,]+)$/.exec(line.trim()) : null;
        if (match) sections[match[1]] = Number(match[2].replaceAll(',', ''));
    }
    return sections;
}

async function zufiWithoutThesaurus(catalogs) {
    if (ZUFI_BIN === null || !existsSync(ZUFI_BIN)) return null;
    const files = {};
    for (const catalog of catalogs) {
        const out = join(OUT, `${catalog}-no-thesaurus.zufi`);
        const child = spawnSync(ZUFI_BIN, ['build', `index/${catalog}`, '-o', out, '--quiet', '--no-thesaurus'], {
            cwd: REPO,
            encoding: 'utf8',
        });
        if (child.status !== 0) throw new Error(`zufi build --no-thesaurus index/${catalog} failed: ${child.stderr}`);
        files[catalog] = { bytes: new Uint8Array(await readFile(out)), path: null };
    }
    return files;
}

// ---------------------------------------------------------------------------------------------
// The in-process benchmark: zufi and the JS libraries

function evaluate(engine, instance, queries) {
    return queries.map((q) => {
        try {
            const ids = engine.search(instance, q.query);
            return { ids, rank: firstRank(ids, q.acceptable) };
        } catch (error) {
            return { ids: [], rank: null, error: String(error?.message ?? error) };
        }
    });
}

async function runInProcess(engines, docsByCatalog, queriesByCatalog) {
    const results = {};
    const instances = {};
    for (const engine of engines) {
        results[engine.key] = { key: engine.key, name: engine.name, ...(engine.loader ? { loader: engine.loader } : {}), catalogs: {} };
        instances[engine.key] = {};
        for (const catalog of CATALOGS) {
            const docs = docsByCatalog[catalog];
            log(`${engine.name}: ${catalog} — build, serialise, load, relevance`);
            const entry = {};
            let instance;
            if (engine.prebuilt) {
                instance = engine.build(docs, catalog);
                entry.build = null;
            } else {
                const build = medianOfRuns(BUILD_RUNS, () => engine.build(docs, catalog));
                instance = build.value;
                entry.build = { median: build.median, min: build.min, max: build.max, runs: build.runs };
            }
            const files = engine.serialize(instance, docs, catalog);
            entry.index = { files: [] };
            for (const f of files) entry.index.files.push({ name: f.name, ...(f.path ? await servedSizes(f.path) : sizes(f.data)) });
            entry.index.total = addSizes(entry.index.files);
            const loaded = medianOfRuns(BUILD_RUNS, () => engine.load(files));
            entry.load = { median: loaded.median, min: loaded.min, max: loaded.max, runs: loaded.runs };
            const fromLoaded = evaluate(engine, loaded.value, queriesByCatalog[catalog]);
            entry.queries = evaluate(engine, instance, queriesByCatalog[catalog]);
            // The shipped index must answer as the built one does, or its sizes would mean nothing.
            entry.loadedAgrees = fromLoaded.every((r, i) => r.ids.join() === entry.queries[i].ids.join());
            entry.latencyMs = [];
            instances[engine.key][catalog] = instance;
            results[engine.key].catalogs[catalog] = entry;
        }
    }

    // Latency: one warm-up round, then ROUNDS rounds; in each round every engine runs every query
    // of both catalogs, engine after engine, so drifts of the machine spread over all of them.
    // A full garbage collection before each engine's turn (node --expose-gc) keeps one library's
    // garbage from being collected in another's timings.
    for (let round = 0; round <= ROUNDS; round += 1) {
        log(round === 0 ? 'latency: warm-up round' : `latency: round ${round} of ${ROUNDS}`);
        for (const engine of engines) {
            for (const catalog of CATALOGS) {
                globalThis.gc?.();
                const instance = instances[engine.key][catalog];
                const sink = results[engine.key].catalogs[catalog].latencyMs;
                for (const q of queriesByCatalog[catalog]) {
                    const start = performance.now();
                    try {
                        engine.search(instance, q.query);
                    } catch {
                        /* recorded by evaluate() */
                    }
                    const ms = performance.now() - start;
                    if (round > 0) sink.push(ms);
                }
            }
        }
    }
    for (const engine of engines) {
        const all = [];
        for (const catalog of CATALOGS) {
            const entry = results[engine.key].catalogs[catalog];
            entry.latency = latencyStats(entry.latencyMs);
            all.push(...entry.latencyMs);
            delete entry.latencyMs;
        }
        results[engine.key].latency = latencyStats(all);
    }
    return results;
}

// ---------------------------------------------------------------------------------------------
// Pagefind: its indexer through the npm package's Node API, its runtime in headless Chromium

const escapeHtml = (text) =>
    text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

function pagefindPage(doc) {
    const paragraphs = [doc.synonyms, ...doc.text.split('\n'), doc.topics].filter((t) => t !== '');
    return (
        `<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>${escapeHtml(doc.name)}</title></head>` +
        `<body><main><h1>${escapeHtml(doc.name)}</h1>` +
        paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('') +
        '</main></body></html>'
    );
}

async function buildPagefind(pagefind, docs, outputPath) {
    const { index, errors } = await pagefind.createIndex({ forceLanguage: 'de' });
    if (errors.length > 0) throw new Error(`pagefind.createIndex: ${errors.join('; ')}`);
    for (const doc of docs) {
        const added = await index.addHTMLFile({ url: `/s/${doc.id}/`, content: pagefindPage(doc) });
        if (added.errors.length > 0) throw new Error(`pagefind addHTMLFile ${doc.id}: ${added.errors.join('; ')}`);
    }
    await rm(outputPath, { recursive: true, force: true });
    const written = await index.writeFiles({ outputPath });
    if (written.errors.length > 0) throw new Error(`pagefind writeFiles: ${written.errors.join('; ')}`);
    await index.deleteIndex();
}

async function listFiles(dir) {
    const out = [];
    for (const entry of await readdir(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) out.push(...(await listFiles(path)));
        else out.push(path);
    }
    return out;
}

// The files Pagefind writes for its own UIs; a headless search loads none of them.
const PAGEFIND_UI_FILE = /^pagefind-(ui|modular-ui|component-ui|highlight)\.(js|css)$/;
const isPagefindIndexFile = (name) => /\.pf_(meta|index|fragment|filter)$/.test(name) || name === 'pagefind-entry.json';

const MIME = {
    '.html': 'text/html; charset=utf-8',
    '.js': 'text/javascript; charset=utf-8',
    '.json': 'application/json',
    '.wasm': 'application/wasm',
};

/** A static server for the Chromium runs; logs what it serves. Cross-origin isolated, so that
 * performance.now() in the page has its fine resolution. Serves files as they are (no compression). */
async function startServer(mounts) {
    const served = [];
    const server = createServer(async (request, response) => {
        const path = decodeURIComponent(new URL(request.url, 'http://localhost').pathname);
        const headers = {
            'cross-origin-opener-policy': 'same-origin',
            'cross-origin-embedder-policy': 'require-corp',
            'cache-control': 'no-cache',
        };
        try {
            let file = null;
            for (const [prefix, dir] of mounts) {
                if (path.startsWith(prefix)) {
                    const candidate = normalize(join(dir, path.slice(prefix.length)));
                    if (candidate.startsWith(dir + sep) || candidate === dir) file = candidate;
                    break;
                }
            }
            if (path === '/' || path === '/index.html') {
                const body = '<!DOCTYPE html><html lang="de"><meta charset="utf-8"><title>bench-peers</title><body></body></html>';
                response.writeHead(200, { ...headers, 'content-type': MIME['.html'] }).end(body);
                return;
            }
            if (file === null) throw new Error('not mounted');
            const body = await readFile(file);
            served.push({ path, file, bytes: body.length });
            response.writeHead(200, { ...headers, 'content-type': MIME[extname(file)] ?? 'application/octet-stream', 'content-length': body.length });
            response.end(body);
        } catch {
            response.writeHead(404, headers).end('not found');
        }
    });
    await new Promise((done) => server.listen(0, '127.0.0.1', done));
    return {
        origin: `http://127.0.0.1:${server.address().port}`,
        served,
        close: () =>
            new Promise((done) => {
                server.closeAllConnections();
                server.close(() => done());
            }),
    };
}

// In the page: Pagefind's search; the ids come from data() of the first 10 results.
async function pagefindInPage({ module, queries, rounds }) {
    const pagefind = await import(module);
    await pagefind.options({ baseUrl: '/' });
    await pagefind.init();
    const idOf = (url) => /\/s\/([^/]+)\//.exec(url)?.[1] ?? url;
    const answers = [];
    for (const query of queries) {
        try {
            const search = await pagefind.search(query);
            const data = await Promise.all(search.results.slice(0, 10).map((r) => r.data()));
            answers.push({ ids: data.map((d) => idOf(d.url)), total: search.results.length });
        } catch (error) {
            answers.push({ ids: [], error: String(error?.message ?? error) });
        }
    }
    const latency = [];
    for (let round = 0; round <= rounds; round += 1) {
        for (const query of queries) {
            const start = performance.now();
            try {
                await pagefind.search(query);
            } catch {
                /* recorded above */
            }
            const ms = performance.now() - start;
            if (round > 0) latency.push(ms);
        }
    }
    return { answers, latency, isolated: self.crossOriginIsolated };
}

// In the page: zufi's headless API through one loader (both export it), timed like Pagefind.
async function zufiInPage({ module, index, queries, rounds }) {
    const zufi = await import(module);
    const bytes = new Uint8Array(await (await fetch(index)).arrayBuffer());
    const finder = await zufi.openIndex(bytes);
    const answers = queries.map((query) => finder.search(query, { limit: 10 }).map((hit) => hit.id));
    const latency = [];
    for (let round = 0; round <= rounds; round += 1) {
        for (const query of queries) {
            const start = performance.now();
            finder.search(query, { limit: 10 });
            const ms = performance.now() - start;
            if (round > 0) latency.push(ms);
        }
    }
    return { answers, latency, isolated: self.crossOriginIsolated };
}

// In the page: a first search through the headless loader, as a site with its own interface does.
async function coldZufiHeadless({ module, index, query }) {
    const zufi = await import(module);
    const opened = await zufi.loadIndex(index);
    return opened.search(query, { limit: 10 }).length;
}

// In the page: the finder as a host page embeds it; the query comes from the address (#zufi:q=…).
async function coldZufiFinder({ module, index }) {
    const element = document.createElement('zufi-finder');
    element.setAttribute('index', index);
    document.body.append(element);
    await import(module);
}

async function coldPagefindSearch({ module, query }) {
    const pagefind = await import(module);
    await pagefind.options({ baseUrl: '/' });
    await pagefind.init();
    const search = await pagefind.search(query);
    await Promise.all(search.results.slice(0, 10).map((r) => r.data()));
}

async function runBrowser(docsByCatalog, queriesByCatalog, zufiAnswers) {
    const pagefind = await import('pagefind');
    const site = join(OUT, 'site');
    const result = { key: 'pagefind', name: 'Pagefind', catalogs: {}, zufiInChromium: {} };
    for (const [id, loader] of Object.entries(LOADERS)) result.zufiInChromium[loader.key] = { loader: id, catalogs: {} };
    try {
        for (const catalog of CATALOGS) {
            log(`Pagefind: ${catalog} — index (${BUILD_RUNS} timed builds after one warm-up)`);
            const outputPath = join(site, catalog, 'pagefind');
            const times = [];
            for (let run = 0; run <= BUILD_RUNS; run += 1) {
                const start = performance.now();
                await buildPagefind(pagefind, docsByCatalog[catalog], outputPath);
                if (run > 0) times.push(performance.now() - start);
            }
            const files = [];
            for (const path of await listFiles(outputPath)) {
                const name = relative(outputPath, path);
                if (PAGEFIND_UI_FILE.test(name)) continue;
                files.push({ name, ...sizes(await readFile(path)) });
            }
            const indexFiles = files.filter((f) => isPagefindIndexFile(f.name.split('/').pop()));
            result.catalogs[catalog] = {
                build: { median: quantile(times, 0.5), min: Math.min(...times), max: Math.max(...times), runs: BUILD_RUNS },
                index: { fileCount: indexFiles.length, total: addSizes(indexFiles) },
                bundleFiles: files.filter((f) => !isPagefindIndexFile(f.name.split('/').pop())),
            };
        }
    } finally {
        await pagefind.close();
    }

    const requireFromWww = createRequire(join(REPO, 'www', 'package.json'));
    const { chromium } = requireFromWww('playwright-core');
    const server = await startServer([
        ['/zufi/', ZUFI_DIST],
        ['/idx/', ZUFI_INDEXES],
        ['/site/', site],
    ]);
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
    result.chromium = browser.version();
    try {
        for (const catalog of CATALOGS) {
            const queries = queriesByCatalog[catalog];
            const texts = queries.map((q) => q.query);
            const entry = result.catalogs[catalog];

            log(`Pagefind in Chromium: ${catalog} — relevance and ${ROUNDS} latency rounds`);
            let context = await browser.newContext();
            let page = await context.newPage();
            const pageErrors = [];
            page.on('pageerror', (error) => pageErrors.push(error.message));
            await page.goto(`${server.origin}/index.html`);
            const pf = await page.evaluate(pagefindInPage, {
                module: `/site/${catalog}/pagefind/pagefind.js`,
                queries: texts,
                rounds: ROUNDS,
            });
            entry.queries = pf.answers.map((answer, i) => ({
                ids: answer.ids,
                rank: firstRank(answer.ids, queries[i].acceptable),
                ...(answer.error ? { error: answer.error } : {}),
            }));
            entry.latency = latencyStats(pf.latency);
            entry.latencyAll = pf.latency;
            entry.crossOriginIsolated = pf.isolated;
            entry.pageErrors = pageErrors;
            await context.close();

            for (const [id, loader] of Object.entries(LOADERS)) {
                log(`${loader.name} in Chromium: ${catalog} — ${ROUNDS} latency rounds`);
                context = await browser.newContext();
                page = await context.newPage();
                await page.goto(`${server.origin}/index.html`);
                const zu = await page.evaluate(zufiInPage, {
                    module: `/zufi/${loader.module}`,
                    index: `/idx/${catalog}.zufi`,
                    queries: texts,
                    rounds: ROUNDS,
                });
                await context.close();

                // A first search with an empty cache: which files the browser fetches until the
                // first results are there (through the finder: shown). The transfer the report
                // gives is LOADERS' list; this checks it against what Chromium fetched.
                const query = queries[0].query;
                log(`${loader.name} in Chromium: ${catalog} — a cold first search ("${query}")`);
                context = await browser.newContext();
                page = await context.newPage();
                const errors = [];
                page.on('pageerror', (error) => errors.push(error.message));
                const zufiModule = `/zufi/${loader.module}`;
                const zufiIndex = `/idx/${catalog}.zufi`;
                let results;
                if (id === 'finder') {
                    await page.goto(`${server.origin}/index.html#zufi:q=${encodeURIComponent(query)}`);
                    server.served.length = 0;
                    await page.evaluate(coldZufiFinder, { module: zufiModule, index: zufiIndex });
                    // The suggestions are in the DOM (hidden until the search box has focus).
                    const options = page.locator('[role="option"]');
                    await options.first().waitFor({ state: 'attached', timeout: 60_000 });
                    results = await options.count();
                } else {
                    await page.goto(`${server.origin}/index.html`);
                    server.served.length = 0;
                    results = await page.evaluate(coldZufiHeadless, { module: zufiModule, index: zufiIndex, query });
                }
                const fetched = server.served.map((s) => s.path);
                await context.close();
                const expected = [...loader.files.map((f) => `/zufi/${f}`), zufiIndex];
                result.zufiInChromium[loader.key].catalogs[catalog] = {
                    latency: latencyStats(zu.latency),
                    latencyAll: zu.latency,
                    crossOriginIsolated: zu.isolated,
                    agreesWithNode: zu.answers.every((ids, i) => ids.join() === zufiAnswers[loader.key][catalog][i].ids.join()),
                    firstSearch: {
                        query,
                        results,
                        fetched,
                        asCounted: fetched.length === expected.length && [...fetched].sort().join() === [...expected].sort().join(),
                        pageErrors: errors,
                    },
                };
            }

            // A first search with an empty cache, in a fresh browser context each: what the browser
            // fetches until the first 10 results can be shown (names and URLs need the fragments).
            const cold = queries.slice(0, Math.min(COLD_LOADS, queries.length));
            log(`Pagefind in Chromium: ${catalog} — ${cold.length} cold first searches`);
            const transfers = [];
            for (const q of cold) {
                context = await browser.newContext();
                page = await context.newPage();
                await page.goto(`${server.origin}/index.html`);
                server.served.length = 0;
                await page.evaluate(coldPagefindSearch, { module: `/site/${catalog}/pagefind/pagefind.js`, query: q.query });
                const fetched = [];
                for (const s of server.served) fetched.push({ path: s.path, ...sizes(await readFile(s.file)) });
                await context.close();
                const library = fetched.filter((f) => !isPagefindIndexFile(f.path.split('/').pop()));
                const index = fetched.filter((f) => isPagefindIndexFile(f.path.split('/').pop()));
                transfers.push({
                    query: q.query,
                    requests: fetched.length,
                    library: addSizes(library),
                    libraryFiles: library.map((f) => f.path.split('/').pop()).sort(),
                    index: addSizes(index),
                    total: addSizes(fetched),
                });
            }
            entry.coldTransfers = transfers;
        }
    } finally {
        await browser.close();
        await server.close();
    }
    const all = CATALOGS.flatMap((c) => result.catalogs[c].latencyAll);
    result.latency = latencyStats(all);
    for (const zufi of Object.values(result.zufiInChromium)) {
        zufi.latency = latencyStats(CATALOGS.flatMap((c) => zufi.catalogs[c].latencyAll));
        for (const c of CATALOGS) delete zufi.catalogs[c].latencyAll;
    }
    for (const c of CATALOGS) delete result.catalogs[c].latencyAll;
    return result;
}

// ---------------------------------------------------------------------------------------------

async function main() {
    const started = performance.now();
    await mkdir(OUT, { recursive: true });
    const info = await machine();
    info.exposeGc = typeof globalThis.gc === 'function';
    const { versions, pinned } = await packageVersions();
    log(`${info.cpu}, ${info.nproc} cores, Node ${info.node}; ${ROUNDS} latency rounds, ${BUILD_RUNS} build runs`);

    const queries = await readQueries();
    const queriesByCatalog = Object.fromEntries(CATALOGS.map((c) => [c, queries.filter((q) => q.catalog === c)]));

    const zufiIndexes = {};
    const docsByCatalog = {};
    const { api } = LOADERS.headless;
    for (const catalog of CATALOGS) {
        const path = join(ZUFI_INDEXES, `${catalog}.zufi`);
        zufiIndexes[catalog] = { bytes: new Uint8Array(await readFile(path)), path };
        const index = api.ZufiIndex.fromBytes(zufiIndexes[catalog].bytes);
        docsByCatalog[catalog] = documentsOf(index);
        index.free();
    }
    const zufiInfo = api.ZufiIndex.fromBytes(zufiIndexes.berlin.bytes).info();

    const engines = Object.entries(LOADERS).map(([id, loader]) => zufiEngine(id, loader.key, loader.name, zufiIndexes));
    const noThesaurus = await zufiWithoutThesaurus(CATALOGS);
    if (noThesaurus) engines.push(zufiEngine('headless', 'zufi-no-thesaurus', 'zufi without thesaurus (headless)', noThesaurus));
    engines.push(...PEERS);

    const inProcess = await runInProcess(engines, docsByCatalog, queriesByCatalog);

    log('library sizes (zufi: the files of each loader; the others: esbuild --bundle --minify)');
    for (const engine of engines) {
        if (engine.loader) inProcess[engine.key].library = await zufiLibrary(LOADERS[engine.loader]);
    }
    for (const engine of PEERS) inProcess[engine.key].library = await bundleSize(engine);

    log('zufi CLI build time');
    const cli = zufiCliBuild(CATALOGS);

    let browser = null;
    if (BROWSER) {
        const zufiAnswers = Object.fromEntries(
            Object.values(LOADERS).map((l) => [l.key, Object.fromEntries(CATALOGS.map((c) => [c, inProcess[l.key].catalogs[c].queries]))]),
        );
        browser = await runBrowser(docsByCatalog, queriesByCatalog, zufiAnswers);
    } else {
        log('BENCH_BROWSER=0: Pagefind and zufi in Chromium skipped');
    }

    const results = {
        schema: 2,
        machine: info,
        settings: {
            rounds: ROUNDS,
            buildRuns: BUILD_RUNS,
            coldLoads: COLD_LOADS === Infinity ? 'all' : COLD_LOADS,
            limit: LIMIT,
            quick: env.BENCH_QUICK === '1',
        },
        versions,
        pinned,
        zufi: {
            info: zufiInfo,
            loaders: Object.fromEntries(
                Object.entries(LOADERS).map(([id, l]) => [id, { key: l.key, name: l.name, module: l.module, files: l.files }]),
            ),
            cli,
            sections: Object.fromEntries(CATALOGS.map((c) => [c, zufiSections(join(ZUFI_INDEXES, `${c}.zufi`))])),
        },
        queriesFile: QUERIES_FILE,
        queries: queries.map(({ catalog, category, query, acceptable }) => ({ catalog, category, query, acceptable })),
        documents: Object.fromEntries(
            CATALOGS.map((c) => [
                c,
                {
                    count: docsByCatalog[c].length,
                    withSynonyms: docsByCatalog[c].filter((d) => d.synonyms !== '').length,
                    withText: docsByCatalog[c].filter((d) => d.text !== '').length,
                    withTopics: docsByCatalog[c].filter((d) => d.topics !== '').length,
                    digest: createHash('sha256').update(JSON.stringify(docsByCatalog[c])).digest('hex').slice(0, 16),
                },
            ]),
        ),
        configs: Object.fromEntries(PEERS.map((e) => [e.key, { name: e.name, packages: e.packages, config: e.config }])),
        engines: inProcess,
        browser,
        runtimeSeconds: null,
    };
    results.runtimeSeconds = Math.round((performance.now() - started) / 1000);
    results.machine.loadavgEnd = os.loadavg();
    await writeFile(join(OUT, 'results.json'), JSON.stringify(results, null, 1));
    // The documents as every library got them, for anyone checking a result by hand.
    await writeFile(join(OUT, 'documents.json'), JSON.stringify(docsByCatalog, null, 1));
    log(`wrote ${relative(REPO, join(OUT, 'results.json'))} (${results.runtimeSeconds} s)`);
}

await main();
