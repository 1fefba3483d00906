// @ts-check
// The headless API as www/zufi-headless.d.ts declares it (and www/zufi.d.ts re-exports it), written
// out for headless-api.test.mjs, which holds the real exports and results of both loaders against
// it. tsc checks every schema here against the declared type (tests/types/, scripts/test `types`;
// the notation is in tests/types/schema.d.ts), so the declarations, this file and the widget's
// output (www/widget/src/api.rs) cannot drift apart unnoticed.

/** @typedef {typeof import('../../www/zufi.js')} Zufi */
/** @typedef {typeof import('../../www/zufi-headless.js')} ZufiHeadless */
/**
 * @template T
 * @typedef {import('../types/schema.js').Schema<T>} Schema
 */

/** The value exports of the headless loader: a function by its number of parameters. */
/** @satisfies {import('../types/schema.js').ExportsSchema<ZufiHeadless>} */
export const HEADLESS_EXPORTS = { ready: 0, loadIndex: 1, openIndex: 1, ZufiIndex: 'class' };

/** The value exports of the loader zufi.js: the headless loader's and `mount`. */
/** @satisfies {import('../types/schema.js').ExportsSchema<Zufi>} */
export const EXPORTS = { mount: 2, ...HEADLESS_EXPORTS };

/** The methods of ZufiIndex (prototype) and its static functions, by number of parameters. */
/** @satisfies {import('../types/schema.js').ExportsSchema<import('../../www/zufi-headless.js').ZufiIndex>} */
export const INDEX_METHODS = { search: 2, service: 2, locate: 1, topics: 0, services: 0, info: 0, ensure: 1, free: 0 };
/** @satisfies {{ [K in Exclude<keyof typeof import('../../www/zufi-headless.js').ZufiIndex, 'prototype'>]: number }} */
export const INDEX_STATICS = { fromBytes: 1 };

/** @satisfies {Schema<import('../../www/zufi-headless.js').Link>} */
const LINK = { id: 'string', name: 'string', url: 'string' };

/** @satisfies {Schema<import('../../www/zufi-headless.js').Responsible>} */
const RESPONSIBLE = {
    id: 'string',
    name: 'string',
    role: { oneOf: ['zustaendige_stelle', 'ansprechpunkt'] },
    region: 'string',
    regionName: 'string|null',
    address: 'string|null',
    phone: ['string'],
    email: ['string'],
    web: ['string'],
    openingHours: ['string'],
};

/** @satisfies {Schema<import('../../www/zufi-headless.js').TopicEntry>} */
const TOPIC = { id: 'string', name: 'string', parent: 'string|null' };

/** @satisfies {Schema<import('../../www/zufi-headless.js').SearchHit>} */
export const SEARCH_HIT = {
    id: 'string',
    name: 'string',
    score: 'number',
    highlights: [['number']],
    teaser: 'string|null',
    responsible: [RESPONSIBLE],
    onlineServices: [LINK],
    forms: [LINK],
};

/** @satisfies {Schema<import('../../www/zufi-headless.js').ServiceRecord>} */
export const SERVICE_RECORD = {
    id: 'string',
    name: 'string',
    leika: ['string'],
    teaser: 'string|null',
    short: 'string|null',
    full: 'string|null',
    requiredDocuments: 'string|null',
    prerequisites: 'string|null',
    procedure: 'string|null',
    costs: 'string|null',
    deadline: 'string|null',
    processingTime: 'string|null',
    legalBasis: 'string|null',
    formsText: 'string|null',
    furtherInformation: 'string|null',
    notes: 'string|null',
    appeal: 'string|null',
    synonyms: ['string'],
    topics: [TOPIC],
    updated: 'string|null',
    responsible: [RESPONSIBLE],
    onlineServices: [LINK],
    forms: [LINK],
};

/** @satisfies {Schema<import('../../www/zufi-headless.js').RegionCandidate>} */
export const REGION_CANDIDATE = {
    ars: 'string',
    name: 'string',
    level: { oneOf: ['bund', 'land', 'bezirk', 'kreis', 'verband', 'gemeinde'] },
    plz: ['string'],
};

/** @satisfies {Schema<import('../../www/zufi-headless.js').ServiceEntry>} */
export const SERVICE_ENTRY = { id: 'string', name: 'string' };

export { TOPIC };

/** @satisfies {Schema<import('../../www/zufi-headless.js').IndexInfo>} */
export const INDEX_INFO = {
    version: 'number',
    catalog: 'string|null',
    demo: 'boolean',
    attribution: ['string'],
    date: 'string|null',
    counts: {
        services: 'number',
        authorities: 'number',
        onlineServices: 'number',
        forms: 'number',
        regions: 'number',
        topics: 'number',
        responsibilities: 'number',
    },
};
