// The finder under a host's strict Content-Security-Policy, sent as an HTTP header the way a
// municipality's server sends it: with the policy www/README.md documents, searching, opening a
// service and choosing a place cause no violation; without 'wasm-unsafe-eval', citizens read
// in German why the finder cannot start instead of the browser's English engine error.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { assertSiteBuilt, launchBrowser, openPage, searchBox, startServer, waitForFinder } from './support.mjs';

// The policy of www/README.md ("Content Security Policy"), for a finder served from the page's
// own origin.
const STRICT = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";
// Trusted Types on top: the finder never writes HTML from strings, so it needs no policy of its own.
const TRUSTED_TYPES = `${STRICT}; require-trusted-types-for 'script'`;
// The same without 'wasm-unsafe-eval': scripts run, WebAssembly may not be compiled.
const NO_WASM = "default-src 'self'; script-src 'self'; style-src 'self'";

const ALKERSLEBEN = '160705009001';

// Serves build/www with `policy` and opens a browser whose pages record every CSP violation
// (from the first script on, through an init script, which the policy does not govern).
async function underPolicy(policy, body) {
    await assertSiteBuilt();
    const server = await startServer(undefined, { headers: { 'content-security-policy': policy } });
    const browser = await launchBrowser();
    try {
        await browser.context.addInitScript(() => {
            window.__cspViolations = [];
            document.addEventListener('securitypolicyviolation', (event) => {
                window.__cspViolations.push({
                    directive: event.effectiveDirective,
                    blocked: event.blockedURI,
                    source: `${event.sourceFile}:${event.lineNumber}`,
                    sample: event.sample,
                });
            });
        });
        await body({ context: browser.context, origin: server.origin });
    } finally {
        await browser.close();
        await server.close();
    }
}

function violations(page) {
    return page.evaluate(() => window.__cspViolations);
}

async function assertNoViolations(page, consoleErrors, what) {
    // Violations are reported asynchronously: give the last ones a frame to arrive.
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 50))));
    assert.deepEqual(await violations(page), [], `${what}: no CSP violation`);
    assert.deepEqual(consoleErrors, [], `${what}: the console stays free of errors`);
}

for (const [name, policy] of [['the documented strict policy', STRICT], ['it with Trusted Types', TRUSTED_TYPES]]) {
    test(`under ${name}: browsing, search, a service and a place change cause no violation`, async () => {
        await underPolicy(policy, async ({ context, origin }) => {
            const { page, consoleErrors } = await openPage(context);
            await page.goto(`${origin}/index.html`);
            const box = await waitForFinder(page);
            // Browsing A–Z and by topic renders the remaining components.
            await page.getByRole('button', { name: 'A–Z' }).click();
            await page.getByRole('button', { name: 'Themen', exact: true }).click();
            await box.fill('hundesteuer');
            await page.getByRole('option', { name: /^Hund zur Hundesteuer anmelden/ }).first().waitFor();
            await box.press('ArrowDown');
            await box.press('Enter');
            const detail = page.getByRole('article');
            await detail.getByRole('heading', { level: 4, name: 'Verwaltungsgemeinschaft Riechheimer Berg' }).waitFor();

            const place = page.locator('section').filter({ has: page.getByRole('heading', { name: 'Ihr Ort' }) });
            await place.getByRole('button', { name: 'Ort ändern' }).click();
            const placeInput = page.getByRole('textbox', { name: 'Postleitzahl oder Ort' });
            await placeInput.fill('99310');
            await placeInput.press('Enter');
            await page.getByRole('group', { name: 'Bitte wählen Sie Ihren Ort' }).getByRole('button', { name: 'Arnstadt, Stadt' }).click();
            await detail.getByRole('heading', { level: 4, name: 'Stadtverwaltung Arnstadt' }).waitFor();
            await assertNoViolations(page, consoleErrors, 'index.html');
        });
    });
}

test('under the strict policy the mount() example and the headless page run, with no inline script', async () => {
    await underPolicy(STRICT, async ({ context, origin }) => {
        const { page, consoleErrors } = await openPage(context);
        await page.goto(`${origin}/script-api.html?ars=${ALKERSLEBEN}`);
        const box = await waitForFinder(page, 'en');
        await box.fill('hundesteuer');
        await page.getByRole('status').filter({ hasText: /services? found/ }).first().waitFor();
        await assertNoViolations(page, consoleErrors, 'script-api.html');

        await page.goto(`${origin}/headless.html`);
        await page.getByRole('status').filter({ hasText: /services in the index/ }).waitFor();
        await assertNoViolations(page, consoleErrors, 'headless.html');
    });
});

test('without wasm-unsafe-eval citizens read a German message, not the engine error', async () => {
    await underPolicy(NO_WASM, async ({ context, origin }) => {
        const { page, consoleErrors } = await openPage(context);
        await page.goto(`${origin}/index.html`);
        const alert = page.getByRole('alert');
        await alert.waitFor();
        const text = (await alert.textContent()) ?? '';
        assert.match(text, /^Die Suche nach Leistungen kann auf dieser Seite nicht starten: Die Sicherheitseinstellungen der Website lassen sie nicht zu\./);
        assert.doesNotMatch(text, /WebAssembly|unsafe-eval|CompileError|Refused/, `no engine error for citizens: "${text}"`);
        assert.ok(
            (await violations(page)).some((violation) => violation.blocked === 'wasm-eval'),
            'the policy did block the wasm (and the recorder saw it)',
        );
        assert.ok(
            consoleErrors.some((message) => message.includes("'wasm-unsafe-eval'")),
            `developers are told what to add: ${consoleErrors.join('\n')}`,
        );

        // The English interface says the same in English.
        await page.goto(`${origin}/script-api.html`);
        const englishAlert = page.getByRole('alert');
        await englishAlert.waitFor();
        assert.match((await englishAlert.textContent()) ?? '', /^The service finder cannot start on this page: the website's security settings do not allow it\./);
        assert.equal(await searchBox(page, 'en').count(), 0);
    });
});

test('a browser without WebAssembly is told so in German', async () => {
    await underPolicy(STRICT, async ({ context, origin }) => {
        await context.addInitScript(() => {
            delete globalThis.WebAssembly;
        });
        const { page } = await openPage(context);
        await page.goto(`${origin}/index.html`);
        const alert = page.getByRole('alert');
        await alert.waitFor();
        assert.match((await alert.textContent()) ?? '', /^Die Suche nach Leistungen kann in diesem Browser nicht starten, weil er kein WebAssembly ausführt\./);
    });
});
