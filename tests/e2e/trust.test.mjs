// What a municipality must be able to rely on: a broken index is reported, nothing leaves the
// origin, nothing is stored without consent, and the open widget passes a WCAG 2.1 AA audit.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { axeViolations, formatViolations, launchBrowser, openPage, useServer, waitForFinder } from './support.mjs';

const server = useServer();

async function withBrowser(body) {
    const browser = await launchBrowser();
    try {
        await body(browser.context);
    } finally {
        await browser.close();
    }
}

test('a corrupt index shows an alert in plain German and logs a console error', async () => {
    await withBrowser(async (context) => {
        const { page, consoleErrors } = await openPage(context);
        const consoleError = page.waitForEvent('console', { predicate: (message) => message.type() === 'error' });
        await page.goto(`${server.origin}/broken.html`);
        const alert = page.getByRole('alert');
        await alert.waitFor();
        const text = (await alert.textContent()) ?? '';
        assert.match(text, /Das Verzeichnis der Leistungen konnte nicht geladen werden\./);
        assert.match(text, /beschädigt/, `the reason is named: "${text}"`);
        await consoleError;
        assert.ok(consoleErrors.length > 0, 'the technical message is in the console');
        assert.ok(
            !consoleErrors.some((message) => /panicked|unreachable|RuntimeError/.test(message)),
            `no panic: ${consoleErrors.join('\n')}`,
        );
    });
});

test('a missing index shows an alert too, not an empty box', async () => {
    await withBrowser(async (context) => {
        const { page } = await openPage(context);
        await page.goto(`${server.origin}/index.html`);
        await waitForFinder(page);
        await page.evaluate(() => document.querySelector('zufi-finder').setAttribute('index', 'does-not-exist.zufi'));
        const alert = page.getByRole('alert');
        await alert.waitFor();
        assert.match((await alert.textContent()) ?? '', /konnte nicht geladen werden/);
    });
});

test('privacy: every request stays on the origin; no cookies, no storage by default', async () => {
    await withBrowser(async (context) => {
        const { page, requests, consoleErrors } = await openPage(context);
        await page.goto(`${server.origin}/`);
        const box = await waitForFinder(page);
        await box.focus();
        await page.keyboard.type('hundesteuer');
        await page.getByRole('option').first().waitFor();
        await page.keyboard.press('ArrowDown');
        await page.keyboard.press('Enter');
        await page.getByRole('article').waitFor();
        // Changing the place is what "remember my place" would store; by default it must not.
        await page.getByRole('button', { name: 'Ort ändern' }).click();
        const placeInput = page.getByRole('textbox', { name: 'Postleitzahl oder Ort' });
        await placeInput.fill('99310');
        await placeInput.press('Enter');
        await page.getByRole('group', { name: 'Bitte wählen Sie Ihren Ort' }).getByRole('button', { name: 'Arnstadt, Stadt' }).click();
        await page.getByRole('heading', { level: 4, name: 'Stadtverwaltung Arnstadt' }).waitFor();
        await page.goto(`${server.origin}/berlin.html`);
        await waitForFinder(page);

        assert.ok(requests.length > 0);
        const foreign = requests.filter((url) => !url.startsWith(`${server.origin}/`));
        assert.deepEqual(foreign, [], 'no request leaves the origin');
        const fetched = requests.map((url) => new URL(url).pathname);
        for (const expected of ['/dist/zufi.js', '/dist/zufi-api.js', '/dist/zufi_widget_bg.wasm', '/dist/zufi.css', '/thueringen.zufi']) {
            assert.ok(fetched.includes(expected), `${expected} was requested; requests: ${fetched.join(' ')}`);
        }
        // The finder has one wasm: the headless loader's is not fetched.
        assert.deepEqual(fetched.filter((path) => /headless/.test(path)), []);

        assert.deepEqual(await context.cookies(), [], 'no cookies');
        const storage = await page.evaluate(() => ({
            cookie: document.cookie,
            local: Object.keys(localStorage),
            session: Object.keys(sessionStorage),
        }));
        assert.deepEqual(storage, { cookie: '', local: [], session: [] });
        await page.goto(`${server.origin}/`);
        const storageThueringen = await page.evaluate(() => [Object.keys(localStorage), Object.keys(sessionStorage)]);
        assert.deepEqual(storageThueringen, [[], []]);
        assert.deepEqual(consoleErrors, []);
    });
});

test('remember-place: only when the host enables it is the place kept in localStorage', async () => {
    await withBrowser(async (context) => {
        const { page } = await openPage(context);
        await page.goto(`${server.origin}/script-api.html?lang=de&ars=160705009001&rememberPlace=1`);
        await waitForFinder(page);
        await page.getByRole('button', { name: 'Ort ändern' }).click();
        const placeInput = page.getByRole('textbox', { name: 'Postleitzahl oder Ort' });
        await placeInput.fill('99310');
        await placeInput.press('Enter');
        await page.getByRole('group', { name: 'Bitte wählen Sie Ihren Ort' }).getByRole('button', { name: 'Arnstadt, Stadt' }).click();
        await page.waitForFunction(() => (localStorage.getItem('zufi.place') ?? '').includes('160700004004'));
        assert.deepEqual(await page.evaluate(() => Object.keys(localStorage)), ['zufi.place'], 'nothing else is stored');
    });
});

async function assertNoViolations(page, state, disabledRules = []) {
    const violations = await axeViolations(page, disabledRules);
    assert.equal(
        violations.length,
        0,
        `axe found WCAG 2.1 A/AA violations (${state}):\n${formatViolations(violations)}`,
    );
}

test('accessibility: axe finds no WCAG 2.1 A/AA violations in search, no-result, detail and browse states', async () => {
    await withBrowser(async (context) => {
        const { page, consoleErrors } = await openPage(context);
        await page.goto(`${server.origin}/`);
        const box = await waitForFinder(page);
        await assertNoViolations(page, 'initial');

        await box.focus();
        await page.keyboard.type('hundestuer');
        await page.getByRole('option').first().waitFor();
        await page.keyboard.press('ArrowDown');
        await page.getByRole('option', { selected: true }).waitFor();
        await assertNoViolations(page, 'search with suggestions');

        await box.fill('');
        await page.keyboard.type('xqzvyw');
        await page.getByRole('status').filter({ hasText: 'Keine Leistung gefunden' }).first().waitFor();
        await assertNoViolations(page, 'no result');

        await box.fill('');
        await page.keyboard.type('hundesteuer');
        await page.getByRole('option').first().waitFor();
        await page.keyboard.press('ArrowDown');
        await page.keyboard.press('Enter');
        await page.getByRole('article').getByRole('heading', { level: 3, name: 'Zuständige Stelle' }).waitFor();
        await assertNoViolations(page, 'service detail');

        await page.getByRole('button', { name: 'Zurück zur Suche' }).click();
        await page.getByRole('article').waitFor({ state: 'detached' });
        const azButton = page.getByRole('tab', { name: 'A–Z' }).or(page.getByRole('button', { name: 'A–Z' }));
        await azButton.first().click();
        await page.getByRole('button', { name: 'H', exact: true }).click();
        await page.getByRole('button', { name: 'Hund zur Hundesteuer anmelden' })
            .or(page.getByRole('link', { name: 'Hund zur Hundesteuer anmelden' }))
            .first()
            .waitFor();
        await assertNoViolations(page, 'browse A–Z');

        await page.goto(`${server.origin}/berlin.html`);
        await waitForFinder(page);
        await assertNoViolations(page, 'Berlin page');
        assert.deepEqual(consoleErrors, []);
    });
});

test('accessibility: usable at 320 px and in dark mode without violations', async () => {
    await withBrowser(async (context) => {
        const { page } = await openPage(context);
        await page.setViewportSize({ width: 320, height: 640 });
        await page.emulateMedia({ colorScheme: 'dark', reducedMotion: 'reduce' });
        await page.goto(`${server.origin}/`);
        const box = await waitForFinder(page);
        await box.focus();
        await page.keyboard.type('hundesteuer');
        await page.getByRole('option').first().waitFor();
        await assertNoViolations(page, '320 px, dark');
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        assert.ok(overflow <= 0, `no horizontal scrolling at 320 px (overflow ${overflow} px)`);
    });
});

test('accessibility: forced colours (Windows high contrast) at full HD keep focus visible and pass axe', async () => {
    await withBrowser(async (context) => {
        const { page } = await openPage(context);
        await page.setViewportSize({ width: 1920, height: 1080 });
        await page.emulateMedia({ forcedColors: 'active' });
        await page.goto(`${server.origin}/`);
        const box = await waitForFinder(page);
        await box.focus();
        await page.keyboard.type('hundesteuer');
        await page.getByRole('option').first().waitFor();
        const outline = await box.evaluate((input) => getComputedStyle(input).outlineStyle);
        assert.notEqual(outline, 'none', 'the focused search box shows a focus outline');
        // In forced colours the system theme sets every colour; axe reads the authored ones and
        // cannot judge contrast there, so that one rule is left to the other audits.
        await assertNoViolations(page, 'forced colours, 1920 px', ['color-contrast']);
    });
});
