// Types for the headless loader (zufi-headless.js): the search API without the finder. zufi.js
// exports the same API (zufi.d.ts re-exports these declarations), so they hold for both loaders.

/** Initialises the WebAssembly module (once; later calls return the same promise). */
export function ready(): Promise<void>;

/**
 * Fetches an index and opens it: an index file, or a sharded index's `manifest.json` (then only its
 * search shard is fetched now; `ZufiIndex.ensure` fetches the rest as calls need it).
 */
export function loadIndex(url: string | URL): Promise<ZufiIndex>;

/** Opens an index from bytes already in memory (browser or Node). */
export function openIndex(bytes: Uint8Array | ArrayBuffer): Promise<ZufiIndex>;

/**
 * A range [start, end) of a service name, in UTF-16 code units (what `String.prototype.slice`
 * takes), for highlighting the matched part: a word, the typed beginning of a word, or a word
 * that a compound in the query was split into.
 */
export type Highlight = [number, number];

// The headless API's results are plain objects. Every field is always present: an empty
// optional field is `null`, an empty list `[]`.

/** An authority responsible for a service at the chosen place. */
export interface Responsible {
    id: string;
    name: string;
    role: 'zustaendige_stelle' | 'ansprechpunkt';
    /**
     * Why this office: the 12-digit key of the region its responsibility is given for — the most
     * specific one on the citizen's place for this role (their municipality, Verband, Kreis, Land,
     * or the Bund).
     */
    region: string;
    /** That region's name, e.g. "Saale-Holzland-Kreis" (null if the index does not list it). */
    regionName: string | null;
    /** On one line, e.g. "Markt 1, 99310 Arnstadt". */
    address: string | null;
    phone: string[];
    email: string[];
    web: string[];
    /** One line per span, e.g. "Mo-Fr 09:00–12:00 (nur mit Termin)". */
    openingHours: string[];
}

/** An online service or a form. */
export interface Link {
    id: string;
    name: string;
    url: string;
}

export interface SearchHit {
    id: string;
    name: string;
    /** Higher is better; only the order matters. */
    score: number;
    highlights: Highlight[];
    teaser: string | null;
    /** Empty unless a place was given. */
    responsible: Responsible[];
    onlineServices: Link[];
    forms: Link[];
}

export interface PlaceFilter {
    /** 12-digit ARS of the citizen's place. */
    ars?: string;
    /** Postcode of the citizen's place; throws if it spans several places (use `ars`). */
    plz?: string;
}

export interface SearchOptions extends PlaceFilter {
    /** Most hits returned; default 10. */
    limit?: number;
}

/** What `ZufiIndex.ensure` fetches the shards of a sharded index for. */
export interface EnsureRequest extends SearchOptions {
    /** A search (with the place and `limit` given): the postings of its words, its hits' offices. */
    query?: string;
    /** A service's full record, and with a place who handles it there. */
    service?: string;
    /** The place table `locate` and `plz` read. */
    places?: boolean;
}

/** A service's full record plus who handles it at the place asked for. */
export interface ServiceRecord {
    id: string;
    name: string;
    /** LeiKa keys. */
    leika: string[];
    teaser: string | null;
    short: string | null;
    full: string | null;
    requiredDocuments: string | null;
    prerequisites: string | null;
    procedure: string | null;
    costs: string | null;
    deadline: string | null;
    processingTime: string | null;
    legalBasis: string | null;
    /** The catalog's text about forms (the forms themselves are in `forms`). */
    formsText: string | null;
    furtherInformation: string | null;
    notes: string | null;
    appeal: string | null;
    synonyms: string[];
    topics: TopicEntry[];
    updated: string | null;
    /** Empty unless a place was given. */
    responsible: Responsible[];
    onlineServices: Link[];
    forms: Link[];
}

export interface RegionCandidate {
    ars: string;
    name: string;
    level: 'bund' | 'land' | 'bezirk' | 'kreis' | 'verband' | 'gemeinde';
    plz: string[];
}

export interface ServiceEntry {
    id: string;
    name: string;
}

/** A topic (Lebenslage). */
export interface TopicEntry {
    id: string;
    name: string;
    /** The id of the parent topic. */
    parent: string | null;
}

/** Record counts of an index. */
export interface IndexCounts {
    services: number;
    authorities: number;
    onlineServices: number;
    forms: number;
    regions: number;
    topics: number;
    responsibilities: number;
}

export interface IndexInfo {
    /** Index format version. */
    version: number;
    /** The catalog's name, if it has one. */
    catalog: string | null;
    /** True for demonstration data. */
    demo: boolean;
    /** Attribution lines that must be shown with the data. */
    attribution: string[];
    /**
     * The catalog's date ("Datenstand", `YYYY-MM-DD`): the newest editorial change of its services,
     * or null when they carry none. The finder shows it under the results.
     */
    date: string | null;
    counts: IndexCounts;
}

/** An open index (headless API). Call `ready()` (or use loadIndex/openIndex) first. */
export class ZufiIndex {
    private constructor();
    /** Throws an Error naming the reason for corrupt, foreign or newer files. */
    static fromBytes(bytes: Uint8Array): ZufiIndex;
    /** Ranked services for what the citizen typed. */
    search(query: string, options?: SearchOptions): SearchHit[];
    /** The full record of a service, or null for an unknown id. */
    service(id: string, options?: PlaceFilter): ServiceRecord | null;
    /** Candidate places for a postcode or a place name. */
    locate(text: string): RegionCandidate[];
    /** All topics. */
    topics(): TopicEntry[];
    /** All services in A–Z order. */
    services(): ServiceEntry[];
    /** What the index holds. */
    info(): IndexInfo;
    /**
     * Fetches what a sharded index still needs for `request`; resolves when it is there (at once
     * for a single-file index). Rejects with an Error naming the shard that could not be loaded;
     * everything else keeps working. Until then, calls answer from what is loaded: a search finds
     * less, a record has no description, a hit's `teaser` is null.
     */
    ensure(request: EnsureRequest): Promise<void>;
    /** Frees the index's memory; the object must not be used afterwards. */
    free(): void;
}
