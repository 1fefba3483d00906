// zufi loader: the one file a host page includes.
//
//   <script type="module" src="/zufi/zufi.js"></script>
//   <zufi-finder index="/zufi/thueringen.zufi" ars="160510000000"></zufi-finder>
//
// It defines the custom element <zufi-finder>, exports `mount(element, options)` for pages that
// create the finder from script, and the headless API (`ready`, `loadIndex`, `openIndex`,
// `ZufiIndex`, through zufi-api.js as zufi-headless.js does) for pages that also build their own
// interface; pages that only do that load zufi-headless.js and its smaller wasm instead. Every
// file it loads (the wasm, the glue, zufi-api.js, zufi.css) is resolved relative to this file's
// own URL, so the folder can be copied anywhere as a whole.
// Nothing else is requested: no fonts, CDNs, analytics or cookies.

import * as glue from './zufi_widget.js';
import { headlessApi } from './zufi-api.js';

export { ZufiIndex } from './zufi_widget.js';

// The headless API, started the same way as in zufi-headless.js; the finder shares its wasm.
export const { ready, loadIndex, openIndex } = headlessApi(
    glue,
    new URL('./zufi_widget_bg.wasm', import.meta.url),
);

const CSS_URL = new URL('./zufi.css', import.meta.url);
// Glosses of the German service names for a finder in English, beside this loader (written by
// scripts/build-widget, copied along by zufi publish); a host may name another or turn them off.
const GLOSSARY_URL = new URL('./glossary-en.tsv', import.meta.url);

const ATTRIBUTES = [
    'index',
    'ars',
    'plz',
    'lang',
    'max-results',
    'kiosk',
    'kiosk-idle',
    'kiosk-countdown',
    'catalog-date',
    'theme',
    'remember-place',
    'hash-routing',
    'fallback-115',
    'glossary',
    'load-timeout',
    'contact-text',
    'contact-phone',
    'contact-email',
    'contact-url',
];

// Shown by the loader itself while the wasm is not running yet, or when it cannot run at all;
// once mounted, the widget renders its own texts.
const MESSAGES = {
    de: {
        loading: 'Verzeichnis wird geladen …',
        failed: 'Die Suche nach Leistungen konnte nicht gestartet werden.',
        blocked:
            'Die Suche nach Leistungen kann auf dieser Seite nicht starten: Die Sicherheitseinstellungen ' +
            'der Website lassen sie nicht zu. Bitte informieren Sie die Betreiber der Website.',
        unsupported:
            'Die Suche nach Leistungen kann in diesem Browser nicht starten, weil er kein WebAssembly ' +
            'ausführt. Bitte verwenden Sie einen aktuellen Browser.',
    },
    en: {
        loading: 'Loading the directory …',
        failed: 'The service finder could not be started.',
        blocked:
            "The service finder cannot start on this page: the website's security settings do not " +
            "allow it. Please let the website's operators know.",
        unsupported:
            'The service finder cannot start in this browser because it does not run WebAssembly. ' +
            'Please use a current browser.',
    },
};

function messagesFor(lang) {
    return MESSAGES[lang] ?? MESSAGES.de;
}

// Builds the shadow root's skeleton: the widget's stylesheet and the element the wasm renders
// into, with a loading notice until it does.
function prepareShadow(shadow, lang) {
    shadow.replaceChildren();
    const style = document.createElement('link');
    style.rel = 'stylesheet';
    style.href = CSS_URL.href;
    const container = document.createElement('div');
    // Not "zufi": the widget renders its own .zufi root inside, which the stylesheet targets.
    container.className = 'zufi-mount';
    container.lang = lang;
    const loading = document.createElement('p');
    loading.setAttribute('role', 'status');
    loading.className = 'zufi-loading';
    loading.textContent = messagesFor(lang).loading;
    container.append(loading);
    shadow.append(style, container);
    return container;
}

// The smallest valid wasm module (magic number and version). Compiling it fails only where the
// page may not compile WebAssembly at all: a Content-Security-Policy without 'wasm-unsafe-eval'.
const EMPTY_WASM = new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);

// Why WebAssembly cannot run here, asked after a failed start: 'unsupported' (no WebAssembly in
// this browser), 'blocked' (the page's CSP forbids compiling it) or null (it can run, so the
// failure was something else). Every browser words the CSP error differently, in English;
// compiling a module of our own tells the cases apart without reading those texts.
function wasmObstacle() {
    if (typeof WebAssembly !== 'object' || typeof WebAssembly.Module !== 'function') return 'unsupported';
    try {
        new WebAssembly.Module(EMPTY_WASM);
        return null;
    } catch {
        return 'blocked';
    }
}

// The wasm could not start (missing file, old browser, invalid options, a CSP that forbids
// WebAssembly): say so where the widget would have been, never leave an empty box. Where the page
// or the browser cannot run WebAssembly, citizens read why in their language and the technical
// error goes to the console only; otherwise developers also see its reason (an invalid option).
function showStartFailure(container, lang, error) {
    const obstacle = wasmObstacle();
    if (obstacle === 'blocked') {
        console.error(
            "zufi: the page's Content-Security-Policy forbids WebAssembly; add 'wasm-unsafe-eval' to " +
                'its script-src (www/README.md, "Content Security Policy"):',
            error,
        );
    } else {
        console.error('zufi: the finder could not be started:', error);
    }
    const alert = document.createElement('div');
    alert.setAttribute('role', 'alert');
    alert.className = 'zufi-error';
    const text = document.createElement('p');
    text.textContent = messagesFor(lang)[obstacle ?? 'failed'];
    alert.append(text);
    if (obstacle === null) {
        const reason = document.createElement('p');
        reason.textContent = error instanceof Error ? error.message : String(error);
        alert.append(reason);
    }
    container.replaceChildren(alert);
}

/**
 * Renders the finder into `element` (inside a shadow root of its own) and returns a handle at
 * once; `handle.ready` settles when the finder is running, `handle.destroy()` removes it.
 * @param {Element} element
 * @param {object} options see zufi.d.ts (MountOptions)
 */
export function mount(element, options) {
    if (!(element instanceof Element)) {
        throw new TypeError('zufi.mount: the first argument must be a DOM element');
    }
    if (options == null || typeof options !== 'object') {
        throw new TypeError('zufi.mount: options must be an object with at least `index`');
    }
    const shadow = element.shadowRoot ?? element.attachShadow({ mode: 'open' });
    return mountIntoShadow(shadow, options);
}

// Index URLs this page has asked the browser to fetch ahead.
const preloaded = new Set();

// Asks the browser for the index right away, while the wasm is still downloading and compiling:
// the finder fetches the index only once the wasm runs, and its fetch of the same URL then takes
// this response (a fetch preload matches a same-mode request for the URL) instead of starting
// the download only then. On a real connection that is the index's whole transfer time saved
// from the first search (docs/PERFORMANCE.md).
function preloadIndex(url) {
    if (typeof url !== 'string' || url === '' || typeof document === 'undefined') return;
    let href;
    try {
        href = new URL(url, document.baseURI).href;
    } catch {
        return; // The finder reports a bad URL itself.
    }
    if (preloaded.has(href)) return;
    preloaded.add(href);
    const link = document.createElement('link');
    link.rel = 'preload';
    link.as = 'fetch';
    // fetch() requests in CORS mode; a preload without this attribute would not match it.
    link.crossOrigin = 'anonymous';
    link.href = href;
    document.head.append(link);
}

function mountIntoShadow(shadow, options) {
    const lang = options.lang === 'en' ? 'en' : 'de';
    preloadIndex(options.index);
    if (lang === 'en' && options.glossary === undefined) {
        options = { ...options, glossary: GLOSSARY_URL.href };
    }
    const container = prepareShadow(shadow, lang);
    let inner = null;
    let destroyed = false;
    const handle = {
        ready: ready().then(() => {
            if (destroyed) return;
            // The widget replaces the loading notice with its own DOM.
            container.replaceChildren();
            inner = glue.mount(container, options);
        }),
        destroy() {
            destroyed = true;
            if (inner !== null) {
                inner.destroy();
                inner = null;
            }
            shadow.replaceChildren();
        },
    };
    handle.ready.catch((error) => {
        if (!destroyed) showStartFailure(container, lang, error);
    });
    return handle;
}

// "" and "true" switch a boolean attribute on, "false" off; absence keeps the default.
function booleanAttribute(element, name) {
    if (!element.hasAttribute(name)) return undefined;
    return element.getAttribute(name) !== 'false';
}

/** Reads a <zufi-finder>'s attributes into mount options (unset ones left to the defaults). */
function optionsFromAttributes(element) {
    const options = {};
    const index = element.getAttribute('index');
    if (index !== null) options.index = new URL(index, element.baseURI).href;
    const glossary = element.getAttribute('glossary');
    if (glossary !== null) options.glossary = glossary === '' || glossary === 'off' ? 'off' : new URL(glossary, element.baseURI).href;
    for (const name of ['ars', 'plz', 'lang', 'theme']) {
        const value = element.getAttribute(name);
        if (value !== null && value !== '') options[name] = value;
    }
    const catalogDate = element.getAttribute('catalog-date');
    if (catalogDate !== null && catalogDate !== '') options.catalogDate = catalogDate;
    // Passed as written: the wasm checks them and names the option in its error.
    for (const [attribute, option] of [
        ['kiosk-idle', 'kioskIdle'],
        ['kiosk-countdown', 'kioskCountdown'],
        ['load-timeout', 'loadTimeout'],
    ]) {
        const value = element.getAttribute(attribute);
        if (value !== null && value !== '') options[option] = value;
    }
    const maxResults = element.getAttribute('max-results');
    if (maxResults !== null && maxResults !== '') options.maxResults = Number(maxResults);
    const kiosk = booleanAttribute(element, 'kiosk');
    if (kiosk !== undefined) options.kiosk = kiosk;
    const rememberPlace = booleanAttribute(element, 'remember-place');
    if (rememberPlace !== undefined) options.rememberPlace = rememberPlace;
    const hashRouting = booleanAttribute(element, 'hash-routing');
    if (hashRouting !== undefined) options.hashRouting = hashRouting;
    const fallback115 = booleanAttribute(element, 'fallback-115');
    if (fallback115 !== undefined) options.fallback115 = fallback115;
    // contact-text, contact-phone, … become the option `contact` (checked by the wasm).
    for (const field of ['text', 'phone', 'email', 'url']) {
        const value = element.getAttribute(`contact-${field}`);
        if (value !== null && value !== '') options.contact = { ...options.contact, [field]: value };
    }
    return options;
}

function defineElement() {
    class ZufiFinder extends HTMLElement {
        static observedAttributes = ATTRIBUTES;

        #handle = null;
        #remountQueued = false;

        connectedCallback() {
            this.#remount();
        }

        disconnectedCallback() {
            this.#handle?.destroy();
            this.#handle = null;
        }

        attributeChangedCallback(_name, oldValue, newValue) {
            if (oldValue === newValue || !this.isConnected || this.#remountQueued) return;
            // Several attributes set in one go remount once.
            this.#remountQueued = true;
            queueMicrotask(() => {
                this.#remountQueued = false;
                if (this.isConnected) this.#remount();
            });
        }

        /** The running finder's handle (null while disconnected). */
        get handle() {
            return this.#handle;
        }

        #remount() {
            this.#handle?.destroy();
            const shadow = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
            this.#handle = mountIntoShadow(shadow, optionsFromAttributes(this));
        }
    }
    if (!customElements.get('zufi-finder')) {
        customElements.define('zufi-finder', ZufiFinder);
    }
}

if (typeof customElements !== 'undefined' && typeof HTMLElement !== 'undefined') {
    defineElement();
}
