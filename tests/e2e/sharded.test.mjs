// A sharded index (zufi build --shards) in the finder and the headless API, served statically:
// a preset place, a search, a detail with the right authority, and the network log holding only
// the shards the design says (the search shard, the postings of the query's words, the place's
// areas, the opened service's shard), each once. A missing shard and a damaged one each give their
// part's message while search keeps working.
//
// Sets: the Thüringen demo (build/www/shards/thueringen, always built by scripts/build-widget) and
// the generated Land catalog (build/www/shards/land) where scripts/build-widget could build it
// from the source data next to the repository.
import assert from 'node:assert/strict';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { pathToFileURL } from 'node:url';

import { SITE_ROOT, useServer, waitForFinder, withPage } from './support.mjs';

const SETS = [
    { name: 'thueringen', ars: '160705009001', query: 'hundesteuer' },
    { name: 'land', ars: '160705009001', query: 'hundesteuer' },
];

const server = useServer();
let headless;
const available = [];

before(async () => {
    headless = await import(pathToFileURL(join(SITE_ROOT, 'dist', 'zufi-headless.js')).href);
    for (const set of SETS) {
        try {
            await stat(join(SITE_ROOT, 'shards', set.name, 'manifest.json'));
            available.push(set);
        } catch {
            if (set.name === 'thueringen') throw new Error('build/www/shards/thueringen is missing: run scripts/build-widget');
            console.log(`# build/www/shards/${set.name} not built (no source data): skipped`);
        }
    }
});

async function manifest(set) {
    return JSON.parse(await readFile(join(SITE_ROOT, 'shards', set.name, 'manifest.json'), 'utf8'));
}

/** A shard's kind and key, from its name `KIND[-KEY].HASH.zufi`; null for another file. */
function describe(file) {
    const match = /^([a-z]+)(?:-([0-9-]+))?\.[0-9a-f]{16}\.zufi$/.exec(file);
    return match && { kind: match[1], key: match[2] ?? '' };
}

/** What the headless API in Node says about the set: the top hit and its first office. */
async function expected(set) {
    const index = await headless.loadIndex(`${server.origin}/shards/${set.name}/manifest.json`);
    await index.ensure({ query: set.query, ars: set.ars });
    const [top] = index.search(set.query, { ars: set.ars });
    assert.ok(top, `${set.name}: "${set.query}" finds something`);
    await index.ensure({ service: top.id, ars: set.ars });
    const record = index.service(top.id, { ars: set.ars });
    assert.ok(record.responsible.length > 0, `${set.name}: ${top.name} has an office at ${set.ars}`);
    return { id: top.id, name: top.name, office: record.responsible[0].name, full: record.full };
}

function page(set) {
    return `<!doctype html><html lang="de"><head><meta charset="utf-8"><title>sharded</title>
        <script type="module" src="/dist/zufi.js"></script></head>
        <body><main><h1>Test</h1><zufi-finder index="/shards/${set.name}/manifest.json" ars="${set.ars}"></zufi-finder></main></body></html>`;
}

// The tests look at the console themselves: a missing or damaged shard is meant to be logged.
function withFinder(set, { intercept } = {}, body) {
    const path = `/sharded-${set.name}.html`;
    const routes = intercept ? { '/shards/**': intercept } : {};
    return withPage(server, { path, pages: { [path]: page(set) }, routes, cleanConsole: false }, body);
}

/** The shard files the page requested, by name, in order. */
function shardRequests(requests) {
    return requests
        .map((url) => new URL(url).pathname)
        .filter((path) => path.startsWith('/shards/'))
        .map((path) => path.split('/').pop());
}

async function searchAndOpen(page, expectedHit) {
    const box = await waitForFinder(page);
    await box.fill(expectedHit.query);
    const option = page.getByRole('option', { name: expectedHit.name });
    await option.first().waitFor();
    await option.first().click();
    await page.getByRole('heading', { level: 2, name: expectedHit.name }).waitFor();
}

test('a search and a detail fetch only the shards they need, each once', async () => {
    for (const set of available) {
        const want = { ...(await expected(set)), query: set.query };
        const listed = new Set((await manifest(set)).shards.map((shard) => shard.file));
        const allPostings = [...listed].filter((file) => describe(file)?.kind === 'postings').length;
        await withFinder(set, {}, async ({ page, requests, consoleErrors }) => {
            await searchAndOpen(page, want);
            const detail = page.getByRole('article');
            await detail.getByText(want.office).first().waitFor();
            assert.deepEqual(consoleErrors, [], `${set.name}: no console errors`);

            const fetched = shardRequests(requests);
            assert.ok(fetched.length > 0, `${set.name}: shards were fetched`);
            assert.equal(new Set(fetched).size, fetched.length, `${set.name}: no shard twice: ${fetched}`);
            const kinds = fetched.map((file) => (file === 'manifest.json' ? 'manifest' : describe(file)?.kind));
            assert.ok(!kinds.includes(undefined), `${set.name}: every request is a shard: ${fetched}`);
            // Everything but area shards is in the manifest (areas are in their Land's directory).
            for (const file of fetched.filter((f) => f !== 'manifest.json' && describe(f).kind !== 'area')) {
                assert.ok(listed.has(file), `${set.name}: ${file} is listed in the manifest`);
            }
            assert.equal(kinds.filter((k) => k === 'search').length, 1, `${set.name}: one search shard`);
            assert.equal(kinds.filter((k) => k === 'services').length, 1, `${set.name}: only the opened service's shard`);
            assert.ok(!kinds.includes('places'), `${set.name}: no place table without a place search`);
            assert.ok(kinds.includes('postings'), `${set.name}: the query's postings`);
            // Areas only on the preset place's key chain: the Bund, its Land, its Kreis.
            const chain = new Set(['0', set.ars.slice(0, 2), set.ars.slice(0, 5)]);
            for (const file of fetched.filter((f) => ['area', 'areas'].includes(describe(f)?.kind))) {
                const area = describe(file).key.split('-')[0];
                assert.ok(chain.has(area), `${set.name}: ${file} is not on the place's chain`);
            }
            const postings = kinds.filter((k) => k === 'postings').length;
            assert.ok(
                postings < allPostings || allPostings === 1,
                `${set.name}: ${postings} of ${allPostings} postings shards for one query`,
            );
        });
    }
});

test('a missing area shard and a damaged services shard each say so; search keeps working', async () => {
    for (const set of available) {
        const want = { ...(await expected(set)), query: set.query };
        const kreis = set.ars.slice(0, 5);
        const intercept = async (route) => {
            const file = new URL(route.request().url()).pathname.split('/').pop();
            const shard = describe(file);
            // The place's Kreis area, whole or in parts, is gone.
            if (shard?.kind === 'area' && shard.key.split('-')[0] === kreis) {
                return route.fulfill({ status: 404, body: 'not found' });
            }
            if (file.startsWith('services-')) {
                const response = await route.fetch();
                const bytes = Buffer.from(await response.body());
                bytes[bytes.length - 1] ^= 0xff;
                return route.fulfill({ response, body: bytes });
            }
            return route.fallback();
        };
        await withFinder(set, { intercept }, async ({ page }) => {
            await searchAndOpen(page, want);
            const detail = page.getByRole('article');
            await detail.getByText('Zuständigkeiten für Ihren Ort konnten nicht geladen werden.').waitFor();
            await detail.getByText('Die Beschreibung dieser Leistung konnte nicht geladen werden.').waitFor();
            assert.equal(await detail.getByText(want.office).count(), 0, `${set.name}: no office from a missing area`);
            // Back to the search, which still finds.
            await page.getByRole('button', { name: 'Zurück zur Suche' }).click();
            const box = await waitForFinder(page);
            await box.fill(set.query.slice(0, 5));
            await page.getByRole('option').first().waitFor();
        });
    }
});

test('the headless API answers from shards as from the single file', async () => {
    const single = await headless.openIndex(await readFile(join(SITE_ROOT, 'thueringen.zufi')));
    const sharded = await headless.loadIndex(`${server.origin}/shards/thueringen/manifest.json`);
    for (const query of ['hundesteuer', 'personalausweis beantragen', 'wohnung anmelden', 'gewerbestuer']) {
        const options = { ars: '160705009001', limit: 5 };
        await sharded.ensure({ query, ...options });
        const hits = sharded.search(query, options);
        const reference = single.search(query, options);
        // Teasers come with a service's shard, not with the search.
        const withoutTeaser = (list) => list.map(({ teaser, ...rest }) => rest);
        assert.deepEqual(withoutTeaser(hits), withoutTeaser(reference), query);
        for (const hit of hits) {
            await sharded.ensure({ service: hit.id, ...options });
            assert.deepEqual(sharded.service(hit.id, options), single.service(hit.id, options), hit.id);
        }
    }
    await sharded.ensure({ places: true });
    assert.deepEqual(sharded.locate('99310'), single.locate('99310'));
    // A postcode needs the place table first; ensure fetches it, then the place's areas.
    const fresh = await headless.loadIndex(`${server.origin}/shards/thueringen/manifest.json`);
    await fresh.ensure({ plz: '99084', query: 'personalausweis' });
    assert.deepEqual(
        fresh.search('personalausweis', { plz: '99084' }).map((hit) => hit.responsible),
        single.search('personalausweis', { plz: '99084' }).map((hit) => hit.responsible),
    );
});
