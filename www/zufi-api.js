// The headless API over a wasm-bindgen glue module, shared by the two loaders: zufi.js (the
// finder's glue, zufi_widget.js) and zufi-headless.js (the headless glue, zufi_headless.js). Each
// loader passes its glue and its wasm's URL and exports what this returns, so that both start
// their wasm and open indexes the same way in browsers, workers and Node.

const isNode =
    typeof process !== 'undefined' && process.versions != null && process.versions.node != null;

/**
 * `ready`, `loadIndex` and `openIndex` for one wasm-bindgen module.
 * @param {{ default: Function, initSync: Function, loadIndex: Function, ZufiIndex: any }} glue
 *     the glue module's namespace (`--target web`)
 * @param {URL} wasmUrl its wasm file
 */
export function headlessApi(glue, wasmUrl) {
    let started = null;

    /**
     * Initialises the WebAssembly module once; later calls return the same promise.
     * In Node the wasm file is read from disk, because Node's fetch cannot load file: URLs.
     * @returns {Promise<void>}
     */
    function ready() {
        if (started === null) {
            started = (async () => {
                if (isNode && wasmUrl.protocol === 'file:') {
                    const { readFile } = await import('node:fs/promises');
                    glue.initSync({ module: await readFile(wasmUrl) });
                } else {
                    await glue.default({ module_or_path: wasmUrl });
                }
            })();
            // A failed start may be retried (e.g. after a network error).
            started.catch(() => {
                started = null;
            });
        }
        return started;
    }

    /**
     * Fetches an index and opens it for the headless API.
     * @param {string | URL} url
     */
    async function loadIndex(url) {
        await ready();
        return glue.loadIndex(String(url));
    }

    /**
     * Opens an index from bytes already in memory (e.g. read from disk in Node).
     * @param {Uint8Array | ArrayBuffer} bytes
     */
    async function openIndex(bytes) {
        await ready();
        return glue.ZufiIndex.fromBytes(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes));
    }

    return { ready, loadIndex, openIndex };
}
