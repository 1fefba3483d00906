// The headless zufi API in Node: open an index file, find a place, search, show a service.
//
//   scripts/build-widget                                   # builds build/www (once)
//   node www/examples/node-search.mjs                      # hundesteuer in 99310 Arnstadt
//   node www/examples/node-search.mjs personalausweis 99084
//   ZUFI_INDEX=build/www/berlin.zufi node www/examples/node-search.mjs gewerbe 10115
//
// A site with its own interface uses the same calls in the browser, with
// `await loadIndex('/zufi/thueringen.zufi')` in place of reading the file.
//
// It loads the headless loader zufi-headless.js (the search API with the smaller wasm, without
// the finder); ZUFI_LOADER=zufi.js runs it on the finder's loader, which exports the same API.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
// The distributable folder that scripts/build-widget writes; ZUFI_DIST points elsewhere.
const dist = process.env.ZUFI_DIST ?? `${repoRoot}build/www/dist`;
const { openIndex } = await import(`${dist}/${process.env.ZUFI_LOADER ?? 'zufi-headless.js'}`);

const [query = 'hundesteuer', placeText = '99310'] = process.argv.slice(2);
const indexPath = process.env.ZUFI_INDEX ?? `${repoRoot}build/www/thueringen.zufi`;

const index = await openIndex(await readFile(indexPath));
const info = index.info();
console.log(`index: ${JSON.stringify(info)}`);

// A postcode or a town name gives candidate places; a postcode can span several municipalities.
const places = index.locate(placeText);
console.log(`\nplaces for "${placeText}":`);
for (const place of places) console.log(`  ${place.ars}  ${place.name} (${place.level})`);
const place = places.find((candidate) => candidate.level === 'gemeinde') ?? places[0];
if (place === undefined) {
    console.error(`no place found for "${placeText}"`);
    process.exit(1);
}

const hits = index.search(query, { ars: place.ars, limit: 5 });
console.log(`\n"${query}" in ${place.name}: ${hits.length} hits`);
for (const hit of hits) {
    console.log(`  ${hit.score.toFixed(2)}  ${hit.name}  [${hit.id}]`);
    for (const office of hit.responsible) console.log(`          → ${office.name}`);
}

if (hits.length > 0) {
    const service = index.service(hits[0].id, { ars: place.ars });
    console.log(`\nservice ${service.id}:`);
    console.log(JSON.stringify(service, null, 2));
}
