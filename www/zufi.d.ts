// Types for the zufi loader (zufi.js): the <zufi-finder> element, mount() and the headless API,
// which zufi-headless.d.ts declares for both loaders.

export * from './zufi-headless.js';

/** Options of `mount()`; the <zufi-finder> attributes map onto them (kebab-case). */
export interface MountOptions {
    /**
     * URL of the index file (`*.zufi`) or of a sharded index's `manifest.json`. One of `index` and
     * `indexBytes` is required.
     */
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
    /**
     * Kiosk mode for self-service terminals in public offices: full screen, on-screen keyboard,
     * links as QR codes, a print button, and a reset after `kioskIdle` seconds without a touch.
     * Implies `rememberPlace: false` and `hashRouting: false`. Default false.
     */
    kiosk?: boolean;
    /** Kiosk mode: seconds without a touch before the reset countdown starts (5–3600); default 60. */
    kioskIdle?: number;
    /** Kiosk mode: seconds the reset countdown runs, with "Weiter" to continue (1–120); default 10. */
    kioskCountdown?: number;
    /** The date of the catalog's data, `YYYY-MM-DD`, shown as "Datenstand" in kiosk mode. */
    catalogDate?: string;
    /** Colour scheme; default "auto" (follows prefers-color-scheme). */
    theme?: 'light' | 'dark' | 'auto';
    /** Keep the chosen place in localStorage (key `zufi.place`); default false. */
    rememberPlace?: boolean;
    /**
     * Write query, service and place into the URL hash (`#zufi:…`, keys prefixed with the
     * element's id when it has one) and follow Back/Forward; default false, because the address
     * and the history are visible to whatever records URLs on the page. `#zufi:` links are opened
     * either way.
     */
    hashRouting?: boolean;
    /**
     * Seconds each request of the index may take before the finder shows an error with
     * "Erneut versuchen" (1–600); default 20.
     */
    loadTimeout?: number;
    /**
     * Whom citizens can ask: shown with every error, and instead of the Behördennummer 115 when a
     * search finds nothing.
     */
    contact?: Contact;
    /**
     * When a search finds nothing and no `contact` is given, name the Behördennummer 115 (the
     * public service number) as the human fallback; default true. Turn it off where 115 is not
     * available.
     */
    fallback115?: boolean;
    /**
     * For a finder in English (`lang: 'en'`): the glossary whose English glosses the suggestions show
     * under the German service names. Default: `glossary-en.tsv` beside the loader (`zufi glossary en`
     * writes one); `'off'` shows none. A German finder fetches no glossary.
     */
    glossary?: string;
    /**
     * The glossary itself instead of its address, as `zufi glossary en` writes it: for pages that
     * fetch nothing, such as the kiosk page (scripts/build-kiosk --lang en inlines it). Excludes
     * `glossary`; a text that is not a zufi glossary is refused by `mount`.
     */
    glossaryText?: string;
}

/**
 * The host's contact (option `contact`). Each field is optional; links must be what catalog links
 * must be (an `https:`/`http:` address, a bare `name@domain`, a phone number with at least three
 * digits), or `mount()` throws.
 */
export interface Contact {
    /** Who to ask, one line of plain text, e.g. "Bürgerbüro Musterstadt". */
    text?: string;
    /** A phone number as written for people, e.g. "0361 655-0". */
    phone?: string;
    /** An e-mail address, `name@domain`. */
    email?: string;
    /** A web address, `https://…`. */
    url?: string;
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
