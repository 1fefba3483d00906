// Types for the zufi loader (zufi.js): the <zufi-finder> element, mount() and the headless API.

/** Options of `mount()`; the <zufi-finder> attributes map onto them (kebab-case). */
export interface MountOptions {
    /** URL of the index file (`*.zufi`). One of `index` and `indexBytes` is required. */
    index?: string;
    /** The index file's bytes, when the page already has them. */
    indexBytes?: Uint8Array;
    /** Preset place: 12-digit Amtlicher Regionalschlüssel, e.g. "160705009001". */
    ars?: string;
    /** Preset place by postcode (5 digits); several municipalities make the citizen choose. */
    plz?: string;
    /** Interface language; default "de". */
    lang?: 'de' | 'en';
    /** Most suggestions and results shown; default 10. */
    maxResults?: number;
    /** Kiosk mode for terminals in public offices (reserved; accepted and ignored for now). */
    kiosk?: boolean;
    /** Colour scheme; default "auto" (follows prefers-color-scheme). */
    theme?: 'light' | 'dark' | 'auto';
    /** Keep the chosen place in localStorage (key `zufi.place`); default false. */
    rememberPlace?: boolean;
    /** Mirror query, service and place in the URL hash (`#zufi:…`); default true. */
    hashRouting?: boolean;
}

/** What `mount()` returns at once. */
export interface MountHandle {
    /** Settles when the finder is running; rejects (and shows an error in the box) if it cannot start. */
    readonly ready: Promise<void>;
    /** Removes the finder and frees its memory and listeners. */
    destroy(): void;
}

/** Renders the finder into `element`, inside an open shadow root. */
export function mount(element: Element, options: MountOptions): MountHandle;

/** Initialises the WebAssembly module (once; later calls return the same promise). */
export function ready(): Promise<void>;

/** Fetches an index and opens it. */
export function loadIndex(url: string | URL): Promise<ZufiIndex>;

/** Opens an index from bytes already in memory (browser or Node). */
export function openIndex(bytes: Uint8Array | ArrayBuffer): Promise<ZufiIndex>;

/**
 * A character range [start, end) in a name, for highlighting the matched part: a word, the typed
 * beginning of a word, or a word that a compound in the query was split into.
 */
export type Highlight = [number, number];

export interface Address {
    street?: string;
    house_number?: string;
    postcode?: string;
    city?: string;
    [key: string]: unknown;
}

/** An authority responsible for a service at the chosen place. */
export interface Responsible {
    id: string;
    name: string;
    role: 'zustaendige_stelle' | 'ansprechpunkt';
    address?: Address;
    phone: string[];
    email: string[];
    web: string[];
    openingHours: unknown[];
}

export interface Link {
    id: string;
    name: string;
    url: string;
}

export interface SearchHit {
    id: string;
    name: string;
    score: number;
    highlights: Highlight[];
    teaser?: string;
    responsible: Responsible[];
    onlineServices: Link[];
    forms: Link[];
}

export interface PlaceFilter {
    /** 12-digit ARS of the citizen's place. */
    ars?: string;
    /** Postcode of the citizen's place. */
    plz?: string;
}

export interface SearchOptions extends PlaceFilter {
    /** Most hits returned. */
    limit?: number;
}

/** A full service record plus what applies at the place (fields as in the catalog format). */
export interface ServiceRecord {
    id: string;
    name: string;
    responsible: Responsible[];
    onlineServices: Link[];
    forms: Link[];
    [key: string]: unknown;
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

export interface TopicEntry {
    id: string;
    name: string;
    [key: string]: unknown;
}

export interface IndexInfo {
    version: number | string;
    catalog: string;
    [key: string]: unknown;
}

/** An open index (headless API). Call `ready()` (or use loadIndex/openIndex) first. */
export class ZufiIndex {
    private constructor();
    /** Throws an Error naming the reason for corrupt, foreign or newer files. */
    static fromBytes(bytes: Uint8Array): ZufiIndex;
    search(query: string, options?: SearchOptions): SearchHit[];
    service(id: string, options?: PlaceFilter): ServiceRecord | null;
    locate(text: string): RegionCandidate[];
    topics(): TopicEntry[];
    services(): ServiceEntry[];
    info(): IndexInfo;
    free(): void;
}

/** The custom element <zufi-finder>. */
export interface ZufiFinderElement extends HTMLElement {
    /** The running finder (null while the element is not in the document). */
    readonly handle: MountHandle | null;
}

declare global {
    interface HTMLElementTagNameMap {
        'zufi-finder': ZufiFinderElement;
    }
}
