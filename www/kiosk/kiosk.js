// zufi kiosk loader: starts the finder in kiosk mode from what the page carries in itself.
//
// scripts/build-kiosk inlines this file into build/kiosk/index.html, after the finder's
// wasm-bindgen glue (built `--target no-modules`, a classic script that defines `wasm_bindgen`).
// Browsers refuse module scripts and fetch() from file:// pages, so nothing here is fetched: the
// wasm and the index are base64 text in the page, the stylesheet a <template>, the options JSON.
// The same page works from a local static server.
/* global wasm_bindgen */
(function startKiosk() {
    'use strict';

    const MESSAGES = {
        de: 'Die Suche nach Leistungen konnte nicht gestartet werden.',
        en: 'The service finder could not be started.',
    };

    /** The bytes of a <script type="application/octet-stream"> holding base64. */
    function embeddedBytes(id) {
        const binary = atob(document.getElementById(id).textContent.trim());
        const bytes = new Uint8Array(binary.length);
        for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
        return bytes;
    }

    const options = JSON.parse(document.getElementById('zufi-kiosk-options').textContent);
    const host = document.getElementById('zufi-kiosk');
    const shadow = host.attachShadow({ mode: 'open' });
    const container = document.createElement('div');
    // Not "zufi": the widget renders its own .zufi root inside, which the stylesheet targets.
    container.className = 'zufi-mount';
    container.lang = options.lang ?? 'de';
    shadow.append(document.getElementById('zufi-kiosk-style').content.cloneNode(true), container);

    wasm_bindgen({ module_or_path: embeddedBytes('zufi-kiosk-wasm') })
        .then(() => {
            // The handle stays reachable for the terminal's own scripts (and the tests).
            window.zufiKiosk = wasm_bindgen.mount(container, {
                ...options,
                kiosk: true,
                indexBytes: embeddedBytes('zufi-kiosk-index'),
            });
        })
        .catch((error) => {
            console.error('zufi: the kiosk could not be started:', error);
            const alert = document.createElement('p');
            alert.setAttribute('role', 'alert');
            alert.className = 'zufi-error';
            alert.textContent = MESSAGES[options.lang] ?? MESSAGES.de;
            container.replaceChildren(alert);
        });
})();
