// The headless API's real exports and results against www/zufi-headless.d.ts (which
// www/zufi.d.ts re-exports), through api-schema.mjs (whose schemas tsc checks against the
// declarations): every field a result carries must be declared with its type, and every declared
// field must be there. Runs in Node on both loaders, zufi.js (the finder's wasm) and
// zufi-headless.js (the headless wasm), which must also give the same results, and on the indexes
// that scripts/build-widget put into build/ (the two demos and a small one that fills every field).
import assert from 'node:assert/strict';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { pathToFileURL } from 'node:url';

import {
    EXPORTS,
    HEADLESS_EXPORTS,
    INDEX_INFO,
    INDEX_METHODS,
    INDEX_STATICS,
    REGION_CANDIDATE,
    SEARCH_HIT,
    SERVICE_ENTRY,
    SERVICE_RECORD,
    TOPIC,
} from './api-schema.mjs';
import { assertSiteBuilt, REPO_ROOT, SITE_ROOT } from './support.mjs';

const INDEXES = [
    // The demo indexes, with a place that has responsible offices, online services and forms...
    { file: 'www/thueringen.zufi', ars: '160700004004', place: '99310', queries: ['hundesteuer', 'personalausweis', 'wohnung anmelden'] },
    { file: 'www/berlin.zufi', ars: '110000000000', place: 'Berlin', queries: ['personalausweis beantragen', 'gewerbe anmelden', 'melde'] },
    // ...and a small one that fills every field (tests/e2e/data/complete-catalog.json).
    { file: 'e2e/complete.zufi', ars: '160700004004', place: '99310', queries: ['hundesteuer', 'hundemarke'] },
];

/** The two loaders, each with the exports it must have. */
const LOADERS = [
    { file: 'zufi.js', exports: EXPORTS },
    { file: 'zufi-headless.js', exports: HEADLESS_EXPORTS },
];
/** Each loader's module, by file name. */
const modules = {};

before(async () => {
    await assertSiteBuilt();
    for (const { file } of INDEXES) {
        await stat(join(REPO_ROOT, 'build', file)).catch(() => {
            throw new Error(`build/${file} is missing: run scripts/build-widget first`);
        });
    }
    for (const loader of LOADERS) {
        modules[loader.file] = await import(pathToFileURL(join(SITE_ROOT, 'dist', loader.file)).href);
    }
});

/**
 * Fails unless `value` has the shape `schema` describes (notation: tests/types/schema.d.ts).
 * Records in `seen` every schema path it met with a value, so that a test can make sure that
 * no part of a schema went unchecked for lack of data.
 */
function assertShape(value, schema, path, seen) {
    seen.add(path);
    const describe = () => `${path} = ${JSON.stringify(value)?.slice(0, 200)}`;
    if (schema === 'string|null') {
        assert.ok(value === null || typeof value === 'string', `${describe()}: want a string or null`);
        if (value !== null) seen.add(`${path}!`);
    } else if (typeof schema === 'string') {
        assert.equal(typeof value, schema, `${describe()}: want a ${schema}`);
    } else if (Array.isArray(schema)) {
        assert.ok(Array.isArray(value), `${describe()}: want an array`);
        for (const item of value) assertShape(item, schema[0], `${path}[]`, seen);
    } else if ('oneOf' in schema) {
        assert.ok(schema.oneOf.includes(value), `${describe()}: want one of ${schema.oneOf.join(', ')}`);
    } else {
        assert.ok(value !== null && typeof value === 'object' && !Array.isArray(value), `${describe()}: want an object`);
        assert.deepEqual(
            Object.keys(value).sort(),
            Object.keys(schema).sort(),
            `${path}: the fields returned (actual) and declared in zufi.d.ts (expected) differ`,
        );
        for (const key of Object.keys(schema)) assertShape(value[key], schema[key], `${path}.${key}`, seen);
    }
}

/** Every path of `schema`, and `path!` for each string|null (seen once as a string). */
function schemaPaths(schema, path, out = new Set()) {
    out.add(path);
    if (schema === 'string|null') out.add(`${path}!`);
    else if (Array.isArray(schema)) schemaPaths(schema[0], `${path}[]`, out);
    else if (typeof schema === 'object' && !('oneOf' in schema)) {
        for (const key of Object.keys(schema)) schemaPaths(schema[key], `${path}.${key}`, out);
    }
    return out;
}

for (const loader of LOADERS) {
    test(`${loader.file} exports what the declarations say, with the declared number of parameters`, () => {
        const zufi = modules[loader.file];
        const actual = Object.fromEntries(
            Object.entries(zufi).map(([name, value]) => [
                name,
                typeof value === 'function' && /^class\b/.test(Function.prototype.toString.call(value))
                    ? 'class'
                    : value.length,
            ]),
        );
        assert.deepEqual(actual, loader.exports);
        const methods = Object.getOwnPropertyNames(zufi.ZufiIndex.prototype).filter(
            (name) => name !== 'constructor' && !name.startsWith('__'),
        );
        assert.deepEqual(
            Object.fromEntries(methods.map((name) => [name, zufi.ZufiIndex.prototype[name].length])),
            INDEX_METHODS,
        );
        const statics = Object.getOwnPropertyNames(zufi.ZufiIndex).filter(
            (name) => !['length', 'name', 'prototype'].includes(name) && !name.startsWith('__'),
        );
        assert.deepEqual(Object.fromEntries(statics.map((name) => [name, zufi.ZufiIndex[name].length])), INDEX_STATICS);
    });
}

for (const loader of LOADERS) {
    test(`${loader.file}: search, service, locate, topics, services and info return exactly the declared fields`, async () => {
        const zufi = modules[loader.file];
        const seen = new Set();
        for (const demo of INDEXES) {
            const index = await zufi.openIndex(await readFile(join(REPO_ROOT, 'build', demo.file)));
            assertShape(index.info(), INDEX_INFO, 'IndexInfo', seen);
            for (const query of demo.queries) {
                const hits = index.search(query, { ars: demo.ars, limit: 10 });
                assert.ok(hits.length > 0, `${demo.file}: "${query}" finds something`);
                for (const hit of hits) assertShape(hit, SEARCH_HIT, 'SearchHit', seen);
                for (const hit of index.search(query)) assertShape(hit, SEARCH_HIT, 'SearchHit', seen);
            }
            const places = index.locate(demo.place);
            assert.ok(places.length > 0, `${demo.file}: "${demo.place}" is found`);
            for (const place of places) {
                assertShape(place, REGION_CANDIDATE, 'RegionCandidate', seen);
            }
            for (const topic of index.topics()) assertShape(topic, TOPIC, 'TopicEntry', seen);
            const services = index.services();
            for (const entry of services) {
                assertShape(entry, SERVICE_ENTRY, 'ServiceEntry', seen);
                assertShape(index.service(entry.id, { ars: demo.ars }), SERVICE_RECORD, 'ServiceRecord', seen);
            }
            assert.equal(index.service('no-such-service'), null);
            index.free();
        }
        const unseen = Object.entries({
            SearchHit: SEARCH_HIT,
            ServiceRecord: SERVICE_RECORD,
            RegionCandidate: REGION_CANDIDATE,
            TopicEntry: TOPIC,
            ServiceEntry: SERVICE_ENTRY,
            IndexInfo: INDEX_INFO,
        }).flatMap(([name, schema]) => [...schemaPaths(schema, name)].filter((path) => !seen.has(path)));
        // Otherwise an empty list or a null would let a wrong declaration pass.
        assert.deepEqual(unseen, [], 'parts of the schemas that no result filled; add data that does');
    });
}

/** What `call` returns, or the message of the Error it throws, as JSON. */
function outcome(call) {
    try {
        return JSON.stringify(call());
    } catch (error) {
        return `throws ${error instanceof Error ? error.message : String(error)}`;
    }
}

test('both loaders give the same results and errors for the same calls', async () => {
    const [widget, headless] = LOADERS.map((loader) => modules[loader.file]);
    let compared = 0;
    for (const demo of INDEXES) {
        const bytes = await readFile(join(REPO_ROOT, 'build', demo.file));
        const indexes = [await widget.openIndex(bytes), await headless.openIndex(bytes)];
        const calls = [
            ['info', (index) => index.info()],
            ['services', (index) => index.services()],
            ['topics', (index) => index.topics()],
            ['locate', (index) => index.locate(demo.place)],
            ['locate ""', (index) => index.locate('')],
            ['service unknown', (index) => index.service('no-such-service')],
            // A postcode of several places throws, naming them; an invalid one throws too.
            ['search plz', (index) => index.search(demo.queries[0], { plz: demo.place, limit: 3 })],
            ['search bad ars', (index) => index.search(demo.queries[0], { ars: '123' })],
            ['search bad limit', (index) => index.search(demo.queries[0], { limit: 0 })],
        ];
        for (const query of [...demo.queries, 'hundesteur', 'perso', '']) {
            calls.push([`search ${query}`, (index) => index.search(query)]);
            calls.push([`search ${query} at ${demo.ars}`, (index) => index.search(query, { ars: demo.ars, limit: 20 })]);
        }
        for (const { id } of indexes[0].services()) {
            calls.push([`service ${id}`, (index) => index.service(id, { ars: demo.ars })]);
        }
        for (const [name, call] of calls) {
            const [fromWidget, fromHeadless] = indexes.map((index) => outcome(() => call(index)));
            assert.equal(fromHeadless, fromWidget, `${demo.file}: ${name}`);
            compared += 1;
        }
        for (const index of indexes) index.free();
    }
    const damaged = await readFile(join(SITE_ROOT, 'broken.zufi'));
    const errors = await Promise.all(
        [widget, headless].map((zufi) => zufi.openIndex(damaged).then(
            () => 'opened',
            (error) => error.message,
        )),
    );
    assert.match(errors[0], /truncated/);
    assert.equal(errors[1], errors[0], 'a damaged index is reported alike');
    assert.ok(compared > 100, `compared ${compared} calls`);
});
