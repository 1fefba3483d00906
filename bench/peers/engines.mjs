// The peer libraries of the benchmark, each behind the same small interface, configured the way
// its documentation recommends for typo-tolerant search-as-you-type in German. Every choice is
// written out in `config` (Markdown), which docs/BENCHMARKS.md prints as it stands.
//
// An engine is
//   { key, name, packages: [npm names], config: Markdown,
//     build(docs) -> instance,              timed as the index build
//     search(instance, query) -> [ids],     the first 10, best first; timed as the latency
//     serialize(instance) -> [{name, data}] what a site would ship as the prebuilt index
//     load(files) -> instance,              timed as opening the shipped index
//     bundle: ES module source importing exactly what a browser needs to load and search,
//     packageFiles: the package's own browser build, for reference (paths in node_modules) }
//
// Documents (the same for every library): {id, name, synonyms, text, topics}, all strings;
// `synonyms` and `topics` are joined with "; ", `text` holds every descriptive text of the service.

import { createRequire } from 'node:module';
import MiniSearch from 'minisearch';
import { Charset, Document, Encoder } from 'flexsearch';
import Fuse from 'fuse.js';
import { create, insertMultiple, load as oramaLoad, save as oramaSave, search as oramaSearch } from '@orama/orama';
import { language as oramaGerman, stemmer as oramaGermanStemmer } from '@orama/stemmers/german';
import { stopwords as oramaGermanStopwords } from '@orama/stopwords/german';

const require = createRequire(import.meta.url);
const GermanPreset = require('flexsearch/lang/de');
const lunr = require('lunr');
require('lunr-languages/lunr.stemmer.support.js')(lunr);
require('lunr-languages/lunr.de.js')(lunr);

export const LIMIT = 10;
const FIELDS = ['name', 'synonyms', 'text', 'topics'];

const json = (value) => JSON.stringify(value);

// ---------------------------------------------------------------------------------------------
const minisearchOptions = {
    fields: FIELDS,
    storeFields: ['name'],
    searchOptions: { boost: { name: 3, synonyms: 2 }, prefix: true, fuzzy: 0.2 },
};

const minisearch = {
    key: 'minisearch',
    name: 'MiniSearch',
    packages: ['minisearch'],
    config: [
        '`new MiniSearch({ fields: ["name", "synonyms", "text", "topics"], storeFields: ["name"], ' +
            'searchOptions: { boost: { name: 3, synonyms: 2 }, prefix: true, fuzzy: 0.2 } })`, ' +
            '`addAll(docs)`; `search(query)`, first 10.',
        'Prefix and fuzzy search as MiniSearch\'s documentation shows them for search-as-you-type: ' +
            '`prefix: true` and `fuzzy: 0.2` (an edit distance of 20 % of the term length, so 1 from ' +
            '5 letters, 2 from 10), query terms OR-combined (the default), the name boosted. ' +
            'MiniSearch has no German support (no stemmer, no stop words, umlauts as typed); its ' +
            'default tokenizer and lowercasing are used.',
    ],
    build(docs) {
        const index = new MiniSearch(minisearchOptions);
        index.addAll(docs);
        return index;
    },
    search: (index, query) => index.search(query).slice(0, LIMIT).map((hit) => hit.id),
    serialize: (index) => [{ name: 'index.json', data: json(index) }],
    load: ([file]) => MiniSearch.loadJSON(file.data, minisearchOptions),
    bundle: 'import MiniSearch from "minisearch"; export { MiniSearch };',
    packageFiles: ['minisearch/dist/umd/index.js'],
};

// ---------------------------------------------------------------------------------------------
function flexsearchDocument() {
    return new Document({
        tokenize: 'forward',
        encoder: new Encoder(Charset.LatinBalance, GermanPreset),
        document: { id: 'id', index: FIELDS, store: ['name'] },
    });
}

const flexsearch = {
    key: 'flexsearch',
    name: 'FlexSearch',
    packages: ['flexsearch'],
    config: [
        '`new Document({ tokenize: "forward", encoder: new Encoder(Charset.LatinBalance, ' +
            'GermanPreset), document: { id: "id", index: ["name", "synonyms", "text", "topics"], ' +
            'store: ["name"] } })` with `GermanPreset` from `flexsearch/lang/de`; ' +
            '`search(query, { limit: 10, suggest: true, merge: true })`, first 10.',
        'The README\'s recipe for partial matching and fuzziness: the `forward` tokenizer ' +
            '(prefixes), the `LatinBalance` encoder (case and charset normalisation, letter ' +
            'deduplication, basic phonetic folding), the German language pack (stop words, ' +
            'suffix stemmer, ä/ö/ü/ß → ae/oe/ue/ss) and `suggest: true`, which keeps results that ' +
            'miss some query words. Typos are caught only as far as the phonetic folding reaches: ' +
            'the `tolerant` tokenizer (swapped and missing letters) is an alternative to `forward`, ' +
            'not an addition, so prefixes win here. `merge: true` joins the per-field results in ' +
            'field order, so name matches come first.',
    ],
    build(docs) {
        const index = flexsearchDocument();
        for (const doc of docs) index.add(doc);
        return index;
    },
    search: (index, query) =>
        index.search(query, { limit: LIMIT, suggest: true, merge: true }).slice(0, LIMIT).map((hit) => hit.id),
    serialize(index) {
        const files = [];
        const done = index.export((key, data) => {
            if (data !== undefined && data !== null) files.push({ name: `${key}.json`, data: String(data) });
        });
        if (done && typeof done.then === 'function') {
            throw new Error('FlexSearch export returned a promise; the benchmark expects it synchronous');
        }
        return files;
    },
    load(files) {
        const index = flexsearchDocument();
        for (const file of files) index.import(file.name.replace(/\.json$/, ''), file.data);
        return index;
    },
    // The language pack as this file loads it: its prebuilt `dist/lang/de.min.js` (the `require`
    // export). Its ES module variant imports `../type.js` for a type comment and so drags the
    // whole unbundled module tree into a bundle, beside the prebuilt one.
    bundle:
        'import { Charset, Document, Encoder } from "flexsearch"; const GermanPreset = require("flexsearch/lang/de");' +
        ' export { Charset, Document, Encoder, GermanPreset };',
    packageFiles: ['flexsearch/dist/flexsearch.bundle.min.js', 'flexsearch/dist/lang/de.min.js'],
};

// ---------------------------------------------------------------------------------------------
const fuseKeys = [
    { name: 'name', weight: 3 },
    { name: 'synonyms', weight: 2 },
    { name: 'text', weight: 1 },
    { name: 'topics', weight: 1 },
];
const fuseOptions = { keys: fuseKeys, useTokenSearch: true, ignoreDiacritics: true };

const fuse = {
    key: 'fuse',
    name: 'Fuse.js',
    packages: ['fuse.js'],
    config: [
        '`new Fuse(docs, { keys: [{ name: "name", weight: 3 }, { name: "synonyms", weight: 2 }, ' +
            '"text", "topics" (weight 1)], useTokenSearch: true, ignoreDiacritics: true })`; ' +
            '`search(query, { limit: 10 })`.',
        'Token search is what the Fuse.js documentation recommends for search bars with ' +
            'multi-word queries: each query word is fuzzy-matched (Bitap) on its own and the ' +
            'results are ranked by IDF-weighted coverage. `threshold` stays at its default 0.6, ' +
            '`tokenMatch` at `any` (OR). `ignoreDiacritics` folds ä/ö/ü to a/o/u. No stemming, no ' +
            'stop words. Fuse has no index structure for the text: every search scans every record. ' +
            'What it ships is the document list plus `Fuse.createIndex` serialised (`toJSON`).',
    ],
    build: (docs) => new Fuse(docs, fuseOptions),
    search: (index, query) => index.search(query, { limit: LIMIT }).map((hit) => hit.item.id),
    serialize: (index, docs) => [
        { name: 'docs.json', data: json(docs) },
        { name: 'fuse-index.json', data: json(index.getIndex().toJSON()) },
    ],
    load(files) {
        const docs = JSON.parse(files.find((f) => f.name === 'docs.json').data);
        const parsed = Fuse.parseIndex(JSON.parse(files.find((f) => f.name === 'fuse-index.json').data));
        return new Fuse(docs, fuseOptions, parsed);
    },
    bundle: 'import Fuse from "fuse.js"; export { Fuse };',
    packageFiles: ['fuse.js/dist/fuse.min.mjs'],
};

// ---------------------------------------------------------------------------------------------
function lunrQuery(index, query) {
    return index.query((q) => {
        for (const token of lunr.tokenizer(query)) {
            const word = token.toString();
            // The words lunr.de's index pipeline drops never reach the index; as prefixes or with
            // typos they would only add noise.
            if (lunr.de.stopWordFilter(word) === undefined) continue;
            q.term(word, { boost: 100 });
            q.term(word, { boost: 10, usePipeline: false, wildcard: lunr.Query.wildcard.TRAILING });
            q.term(word, { boost: 1, editDistance: 1 });
        }
    });
}

const lunrEngine = {
    key: 'lunr',
    name: 'Lunr',
    packages: ['lunr', 'lunr-languages'],
    config: [
        '`lunr(function () { this.use(lunr.de); this.ref("id"); this.field("name", { boost: 10 }); ' +
            'this.field("synonyms", { boost: 5 }); this.field("text"); this.field("topics"); … })` ' +
            'with `lunr-languages` (`lunr.stemmer.support`, `lunr.de`).',
        'Query: for every word of `lunr.tokenizer(query)` that `lunr.de.stopWordFilter` keeps, ' +
            'three clauses through `index.query()` — the word itself (boost 100, German stemmer), ' +
            'the word as a trailing wildcard (boost 10, unstemmed, as the query syntax `word*` does) ' +
            'and the word with edit distance 1 (boost 1, `word~1`) — OR-combined; first 10. These ' +
            'are the query features the Lunr searching guide documents for partial and misspelled ' +
            'words (wildcards, fuzzy matches, boosts), built with the query API so that characters ' +
            'like `-` or `:` in what people type are not operators. ' +
            'Lunr returns only refs; the id → name list it needs to show results is shipped beside ' +
            'the index.',
    ],
    build(docs) {
        return lunr(function () {
            this.use(lunr.de);
            this.ref('id');
            this.field('name', { boost: 10 });
            this.field('synonyms', { boost: 5 });
            this.field('text');
            this.field('topics');
            for (const doc of docs) this.add(doc);
        });
    },
    search: (index, query) => lunrQuery(index, query).slice(0, LIMIT).map((hit) => hit.ref),
    serialize: (index, docs) => [
        { name: 'index.json', data: json(index) },
        { name: 'names.json', data: json(Object.fromEntries(docs.map((d) => [d.id, d.name]))) },
    ],
    load: (files) => lunr.Index.load(JSON.parse(files.find((f) => f.name === 'index.json').data)),
    bundle:
        'import lunr from "lunr"; import support from "lunr-languages/lunr.stemmer.support.js";' +
        ' import de from "lunr-languages/lunr.de.js"; support(lunr); de(lunr); export { lunr };',
    packageFiles: ['lunr/lunr.min.js', 'lunr-languages/min/lunr.stemmer.support.min.js', 'lunr-languages/min/lunr.de.min.js'],
};

// ---------------------------------------------------------------------------------------------
function oramaDb() {
    return create({
        schema: { id: 'string', name: 'string', synonyms: 'string', text: 'string', topics: 'string' },
        components: {
            tokenizer: {
                stemming: true,
                stemmer: oramaGermanStemmer,
                language: oramaGerman,
                stopWords: oramaGermanStopwords,
            },
        },
    });
}

function settle(value) {
    if (value && typeof value.then === 'function') {
        throw new Error('Orama returned a promise; the benchmark expects synchronous calls');
    }
    return value;
}

const orama = {
    key: 'orama',
    name: 'Orama',
    packages: ['@orama/orama', '@orama/stemmers', '@orama/stopwords'],
    config: [
        '`create({ schema: { id, name, synonyms, text, topics: "string" }, components: { tokenizer: ' +
            '{ stemming: true, stemmer, language, stopWords } } })` with `stemmer` and `language` ' +
            'from `@orama/stemmers/german` and `stopwords` from `@orama/stopwords/german`; ' +
            '`insertMultiple(db, docs)`; `search(db, { term: query, tolerance: 1, boost: { name: 3, ' +
            'synonyms: 2 }, limit: 10 })`.',
        'The documented German setup (stemmer and stop words) with the typo tolerance of the ' +
            'documentation\'s examples, `tolerance: 1` (Levenshtein distance). Orama matches the ' +
            'query words as prefixes unless `exact` is set and folds diacritics (ä → a) itself; ' +
            '`threshold` stays at its default 1 (documents need not contain every word). Serialised ' +
            'with `save(db)` as JSON (it stores the documents too).',
    ],
    build(docs) {
        const db = oramaDb();
        settle(insertMultiple(db, docs));
        return db;
    },
    search: (db, query) =>
        settle(oramaSearch(db, { term: query, tolerance: 1, boost: { name: 3, synonyms: 2 }, limit: LIMIT })).hits.map(
            (hit) => hit.id,
        ),
    serialize: (db) => [{ name: 'orama.json', data: json(settle(oramaSave(db))) }],
    load([file]) {
        const db = oramaDb();
        settle(oramaLoad(db, JSON.parse(file.data)));
        return db;
    },
    bundle:
        'import { create, load, search } from "@orama/orama"; import { stemmer, language } from "@orama/stemmers/german";' +
        ' import { stopwords } from "@orama/stopwords/german"; export { create, load, search, stemmer, language, stopwords };',
    // Orama ships ES modules (dist/browser/*.js), no single-file browser build.
    packageFiles: [],
};

export const PEERS = [minisearch, flexsearch, fuse, lunrEngine, orama];
