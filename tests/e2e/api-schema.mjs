// @ts-check
// The headless API as www/zufi.d.ts declares it, written out for headless-api.test.mjs, which
// holds the real exports and results against it. tsc checks every schema here against the
// declared type (tests/types/, scripts/test `types`; the notation is in tests/types/schema.d.ts),
// so the declarations, this file and the widget's output (www/widget/src/api.rs) cannot drift
// apart unnoticed.

/** @typedef {typeof import('../../www/zufi.js')} Zufi */
/**
 * @template T
 * @typedef {import('../types/schema.js').Schema<T>} Schema
 */

/** The loader's value exports: a function by its number of parameters. */
/** @satisfies {import('../types/schema.js').ExportsSchema<Zufi>} */
export const EXPORTS = { mount: 2, ready: 0, loadIndex: 1, openIndex: 1, ZufiIndex: 'class' };

/** The methods of ZufiIndex (prototype) and its static functions, by number of parameters. */
/** @satisfies {import('../types/schema.js').ExportsSchema<import('../../www/zufi.js').ZufiIndex>} */
export const INDEX_METHODS = { search: 2, service: 2, locate: 1, topics: 0, services: 0, info: 0, free: 0 };
/** @satisfies {{ [K in Exclude<keyof typeof import('../../www/zufi.js').ZufiIndex, 'prototype'>]: number }} */
export const INDEX_STATICS = { fromBytes: 1 };

/** @satisfies {Schema<import('../../www/zufi.js').Link>} */
const LINK = { id: 'string', name: 'string', url: 'string' };

/** @satisfies {Schema<import('../../www/zufi.js').Responsible>} */
const RESPONSIBLE = {
    id: 'string',
    name: 'string',
    role: { oneOf: ['zustaendige_stelle', 'ansprechpunkt'] },
    address: 'string|null',
    phone: ['string'],
    email: ['string'],
    web: ['string'],
    openingHours: ['string'],
};

/** @satisfies {Schema<import('../../www/zufi.js').TopicEntry>} */
const TOPIC = { id: 'string', name: 'string', parent: 'string|null' };

/** @satisfies {Schema<import('../../www/zufi.js').SearchHit>} */
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

/** @satisfies {Schema<import('../../www/zufi.js').ServiceRecord>} */
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

/** @satisfies {Schema<import('../../www/zufi.js').RegionCandidate>} */
export const REGION_CANDIDATE = {
    ars: 'string',
    name: 'string',
    level: { oneOf: ['bund', 'land', 'bezirk', 'kreis', 'verband', 'gemeinde'] },
    plz: ['string'],
};

/** @satisfies {Schema<import('../../www/zufi.js').ServiceEntry>} */
export const SERVICE_ENTRY = { id: 'string', name: 'string' };

export { TOPIC };

/** @satisfies {Schema<import('../../www/zufi.js').IndexInfo>} */
export const INDEX_INFO = {
    version: 'number',
    catalog: 'string|null',
    demo: 'boolean',
    attribution: ['string'],
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
