// The offline kiosk terminal (issue 10): build/kiosk/index.html opened from disk, as a town
// hall's terminal opens it, with every http(s) request blocked. Time is Playwright's fake clock,
// never a sleep.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { before, test } from 'node:test';

import {
    AXE_SCRIPT,
    REPO_ROOT,
    assertSiteBuilt,
    axeViolations,
    deepActiveElement,
    formatViolations,
    launchBrowser,
    openPage,
    startServer,
} from './support.mjs';

const requireFromWww = createRequire(join(REPO_ROOT, 'www', 'package.json'));
const jsQR = requireFromWww('jsqr');

const KIOSK_PAGE = join(REPO_ROOT, 'build', 'kiosk', 'index.html');
const HUNDESTEUER_NAME = 'Hund zur Hundesteuer anmelden';
// The form scripts/build-kiosk's demo terminal (Alkersleben) offers for the Hundesteuer:
// index/thueringen/online-services.json, "formular-hundesteuer".
const HUNDESTEUER_FORM_URL = 'https://demo.zufi.invalid/formulare/hundesteuer-anmeldung.pdf';
const IDLE_MS = 60_000;
const COUNTDOWN_MS = 10_000;

const PORTRAIT = { width: 1080, height: 1920 };
const LANDSCAPE = { width: 1920, height: 1080 };

before(async () => {
    try {
        await stat(KIOSK_PAGE);
    } catch {
        throw new Error('build/kiosk/index.html is missing: run scripts/build-kiosk first');
    }
});

/**
 * Opens the kiosk page from file:// in a fresh browser whose http(s) requests all fail, runs
 * `body`, then checks that nothing but the page itself was requested and nothing went wrong.
 * `clock: true` installs Playwright's fake clock before the page starts.
 */
async function withKiosk({ viewport = PORTRAIT, clock = false } = {}, body) {
    // A browser per test: the fake clock belongs to the browser context, and a terminal starts
    // with a fresh profile too.
    const browser = await launchBrowser();
    const recorded = await openPage(browser.context);
    const { page, requests, consoleErrors } = recorded;
    const blocked = [];
    await page.route(/^https?:/, (route) => {
        blocked.push(route.request().url());
        return route.abort('internetdisconnected');
    });
    try {
        await page.setViewportSize(viewport);
        if (clock) await page.clock.install();
        await page.goto(pathToFileURL(KIOSK_PAGE).href);
        await keyboard(page).waitFor();
        await body(recorded);
        assert.deepEqual(blocked, [], 'no http(s) request was even tried');
        assert.deepEqual(
            requests.filter((url) => !url.startsWith('file:') && !url.startsWith('data:')),
            [],
            'only the page itself was requested',
        );
        assert.deepEqual(consoleErrors, [], 'the console stays free of errors');
    } finally {
        await browser.close();
    }
}

/** The on-screen keyboard, in German or English. */
function keyboard(page) {
    return page.getByRole('group', { name: /^(Bildschirmtastatur|On-screen keyboard)$/ });
}

function searchBox(page) {
    return page.getByRole('combobox', { name: 'Was möchten Sie erledigen?' });
}

/** Types `text` by clicking the on-screen keyboard's keys, as a finger would. */
async function typeOnScreen(page, text) {
    const keys = keyboard(page);
    for (const character of text) {
        const key =
            character === ' '
                ? keys.getByRole('button', { name: /^(Leerzeichen|Space)$/ })
                : keys.getByRole('button', { name: character, exact: true });
        await key.click();
    }
}

async function openHundesteuer(page) {
    await typeOnScreen(page, 'hundesteuer');
    await page.getByRole('option', { name: HUNDESTEUER_NAME }).click();
    await page.getByRole('heading', { level: 2, name: HUNDESTEUER_NAME }).waitFor();
}

/** Everything of the finder a next citizen could find: its markup and the values of its inputs. */
function finderText(page) {
    return page.evaluate(() => {
        const finder = document.getElementById('zufi-kiosk').shadowRoot.querySelector('.zufi-mount');
        const values = [...finder.querySelectorAll('input')].map((input) => input.value);
        return `${finder.innerHTML}\n${values.join('\n')}`;
    });
}

test('a search typed on the on-screen keyboard finds the service and its responsible office', async () => {
    await withKiosk({}, async ({ page }) => {
        await typeOnScreen(page, 'hundesteur');
        assert.equal(await searchBox(page).inputValue(), 'hundesteur', 'the keys typed into the search box');
        await keyboard(page).getByRole('button', { name: 'Zeichen löschen' }).click();
        await typeOnScreen(page, 'er');
        assert.equal(await searchBox(page).inputValue(), 'hundesteuer');
        const option = page.getByRole('option', { name: HUNDESTEUER_NAME });
        await option.click();
        const detail = page.getByRole('article');
        await detail.getByRole('heading', { level: 2, name: HUNDESTEUER_NAME }).waitFor();
        const office = detail.locator('section').filter({
            has: page.getByRole('heading', { level: 3, name: 'Zuständige Stelle' }),
        });
        assert.match((await office.textContent()) ?? '', /Verwaltungsgemeinschaft Riechheimer Berg/);
        assert.match((await office.textContent()) ?? '', /Mönchgasse 81, 99334 Kirchheim/);
        // Kiosk links go nowhere: no link at all, in the detail or anywhere in the finder.
        assert.equal(await page.locator('a').count(), 0, 'no <a> in kiosk mode');
        // Nothing went into the address or into storage.
        assert.equal(new URL(page.url()).hash, '');
        assert.deepEqual(
            await page.evaluate(() => [localStorage.length, sessionStorage.length, document.cookie]),
            [0, 0, ''],
        );
    });
});

test('the keyboard is operable with a physical keyboard too', async () => {
    await withKiosk({}, async ({ page }) => {
        await keyboard(page).getByRole('button', { name: 'h', exact: true }).focus();
        await page.keyboard.press('Enter');
        await page.keyboard.press('Space');
        assert.equal(await searchBox(page).inputValue(), 'hh');
        await searchBox(page).focus();
        await page.keyboard.type('und');
        assert.equal(await searchBox(page).inputValue(), 'hhund');
        await keyboard(page).getByRole('button', { name: 'Alles löschen' }).click();
        assert.equal(await searchBox(page).inputValue(), '');
    });
});

test('after the idle time a countdown resets the finder and leaves no trace of the search', async () => {
    await withKiosk({ clock: true }, async ({ page }) => {
        const fresh = await finderText(page);
        // Another place, typed on the on-screen keyboard, which the reset must take back to the
        // terminal's own.
        await page.getByRole('button', { name: 'Ort ändern' }).click();
        await typeOnScreen(page, '99084');
        await page.getByText('Erfurt, Stadt', { exact: true }).waitFor();
        assert.equal(await searchBox(page).inputValue(), '', 'the digits went into the place field');
        await openHundesteuer(page);
        const dialog = page.getByRole('alertdialog', { name: 'Sind Sie noch da?' });
        await page.clock.runFor(IDLE_MS - 1_000);
        assert.equal(await dialog.count(), 0, 'no countdown before the idle time is over');
        await page.clock.runFor(1_000);
        await dialog.waitFor();
        assert.match((await dialog.textContent()) ?? '', /in 10 Sekunden zurückgesetzt/);
        await page.clock.runFor(3_000);
        assert.match((await dialog.textContent()) ?? '', /in 7 Sekunden zurückgesetzt/);
        assert.match(await finderText(page), /hundesteuer/i, 'still there while the countdown runs');
        await page.clock.runFor(COUNTDOWN_MS - 3_000);
        await dialog.waitFor({ state: 'detached' });
        await searchBox(page).waitFor();
        const left = await finderText(page);
        assert.doesNotMatch(left, /hunde/i, 'no trace of the query, results or detail');
        assert.equal(await page.getByRole('article').count(), 0);
        assert.equal(await searchBox(page).inputValue(), '');
        assert.match(left, /Alkersleben/, 'the terminal\'s place is preset again');
        assert.doesNotMatch(left, /Erfurt|99084/, 'the place the citizen chose is gone');
        assert.equal(left, fresh, 'the finder is exactly as the first citizen found it');
        // An untouched start screen waits for the next citizen without counting down.
        await page.clock.runFor(3 * IDLE_MS);
        assert.equal(await dialog.count(), 0);
    });
});

test('"Weiter" keeps the search, "Neue Suche" resets at once, both in German and English', async () => {
    await withKiosk({ clock: true }, async ({ page }) => {
        const fresh = await finderText(page);
        await page.getByRole('button', { name: 'English' }).click();
        await typeOnScreen(page, 'hund');
        await page.clock.runFor(IDLE_MS);
        const dialog = page.getByRole('alertdialog', { name: 'Are you still there?' });
        await dialog.waitFor();
        await dialog.getByRole('button', { name: 'Continue' }).click();
        await dialog.waitFor({ state: 'detached' });
        await page.clock.runFor(IDLE_MS - 1_000);
        assert.equal(await dialog.count(), 0, 'Continue started the idle time afresh');
        assert.equal(await page.getByRole('combobox', { name: 'What do you need to do?' }).inputValue(), 'hund');
        // Escape answers the countdown as Continue does, and the focus goes back where it was.
        // (Focusing by script is no touch: the countdown comes a minute after Continue.)
        await page.getByRole('combobox', { name: 'What do you need to do?' }).focus();
        await page.clock.runFor(1_000);
        await dialog.waitFor();
        assert.equal((await deepActiveElement(page))?.text, 'Continue', 'the countdown has the focus');
        await page.keyboard.press('Escape');
        await dialog.waitFor({ state: 'detached' });
        assert.equal((await deepActiveElement(page))?.role, 'combobox', 'the focus is back in the search box');
        assert.equal(await page.getByRole('combobox', { name: 'What do you need to do?' }).inputValue(), 'hund');

        await page.getByRole('button', { name: 'New search' }).click();
        assert.equal(await searchBox(page).inputValue(), '', 'reset, and back to German');
        assert.equal(await finderText(page), fresh);
        assert.equal(await page.getByRole('button', { name: 'Deutsch' }).getAttribute('aria-pressed'), 'true');
    });
});

/** The dark modules of a rendered QR code's SVG path, as a black-on-white RGBA image for jsQR. */
function rasterize({ size, d }, scale = 8) {
    const width = size * scale;
    const pixels = new Uint8ClampedArray(width * width * 4).fill(255);
    for (const [, x, y, run] of d.matchAll(/M(\d+) (\d+)h(\d+)v1h-\d+z/g)) {
        for (let py = Number(y) * scale; py < (Number(y) + 1) * scale; py += 1) {
            for (let px = Number(x) * scale; px < (Number(x) + Number(run)) * scale; px += 1) {
                const offset = (py * width + px) * 4;
                pixels[offset] = 0;
                pixels[offset + 1] = 0;
                pixels[offset + 2] = 0;
            }
        }
    }
    return { pixels, width };
}

test('a QR code decodes to the URL printed under it, the form of the catalog', async () => {
    await withKiosk({}, async ({ page }) => {
        await openHundesteuer(page);
        const figure = page.locator('figure.zufi-qr').filter({ hasText: 'Anmeldung eines Hundes zur Hundesteuer' });
        const code = figure.getByRole('img', { name: 'QR-Code für Anmeldung eines Hundes zur Hundesteuer' });
        const path = await code.evaluate((svg) => ({
            size: Number(svg.getAttribute('viewBox').split(' ')[2]),
            d: svg.querySelector('path').getAttribute('d'),
        }));
        const { pixels, width } = rasterize(path);
        const decoded = jsQR(pixels, width, width);
        assert.ok(decoded !== null, 'jsQR finds a code');
        assert.equal(decoded.data, HUNDESTEUER_FORM_URL);
        assert.equal((await figure.locator('.zufi-qr-url').textContent())?.trim(), HUNDESTEUER_FORM_URL);
        const box = await code.boundingBox();
        assert.ok(box.width >= 150 && box.height >= 150, `large enough to scan: ${JSON.stringify(box)}`);
    });
});

test('the print view shows the service with its office and QR codes, without the controls', async () => {
    await withKiosk({}, async ({ page }) => {
        await openHundesteuer(page);
        await page.evaluate(() => {
            window.printed = 0;
            window.print = () => {
                window.printed += 1;
            };
        });
        await page.getByRole('button', { name: 'Drucken' }).click();
        assert.equal(await page.evaluate(() => window.printed), 1, 'the button prints');

        await page.emulateMedia({ media: 'print' });
        for (const hidden of [keyboard(page), searchBox(page), page.getByRole('button', { name: 'Neue Suche' }), page.getByRole('button', { name: 'Drucken' })]) {
            assert.equal(await hidden.isVisible(), false, `not on paper: ${hidden}`);
        }
        assert.ok(await page.getByText('Alkersleben', { exact: true }).isVisible(), 'the place the office is for');
        assert.equal(await page.getByRole('button', { name: 'Ort ändern' }).isVisible(), false);
        const detail = page.getByRole('article');
        assert.ok(await detail.getByRole('heading', { name: HUNDESTEUER_NAME }).isVisible());
        assert.ok(await detail.getByText('Mönchgasse 81, 99334 Kirchheim b. Arnstadt').isVisible());
        assert.ok(await detail.getByRole('heading', { name: 'Erforderliche Unterlagen' }).isVisible());
        assert.ok(await detail.getByRole('img', { name: /^QR-Code für/ }).first().isVisible());
        const pdf = await page.pdf({ format: 'A4' });
        assert.ok(pdf.length > 10_000, 'Chromium renders it to paper');
        await page.emulateMedia({ media: 'screen' });
    });
});

/**
 * The finder's visible interactive elements: how many there are, and those narrower or lower
 * than 44 px, described.
 */
function targetSizes(page) {
    return page.evaluate(() => {
        const root = document.getElementById('zufi-kiosk').shadowRoot;
        const selector = 'button, a[href], input, select, textarea, [role="option"], [tabindex]:not([tabindex="-1"])';
        const visible = [...root.querySelectorAll(selector)]
            .map((element) => ({ element, rect: element.getBoundingClientRect() }))
            .filter(({ rect }) => rect.width > 0 && rect.height > 0);
        const small = visible
            .filter(({ rect }) => rect.width < 44 || rect.height < 44)
            .map(({ element, rect }) => `${element.tagName.toLowerCase()} "${element.textContent.trim().slice(0, 30)}" ${Math.round(rect.width)}×${Math.round(rect.height)}`);
        return { count: visible.length, small };
    });
}

/** Every state of the finder, in `viewport`, for `check(page, state)`. */
async function inEveryState(viewport, check) {
    await withKiosk({ viewport, clock: true }, async ({ page }) => {
        await check(page, 'start');
        await page.getByRole('button', { name: 'A–Z' }).click();
        await page.getByRole('button', { name: 'H', exact: true }).click();
        await check(page, 'A–Z');
        await typeOnScreen(page, 'hund');
        await page.getByRole('option').first().waitFor();
        await check(page, 'suggestions');
        await page.getByRole('option', { name: HUNDESTEUER_NAME }).click();
        await page.getByRole('article').waitFor();
        await check(page, 'detail');
        await page.clock.runFor(IDLE_MS);
        await page.getByRole('alertdialog').waitFor();
        await check(page, 'countdown');
    });
}

// The two layouts the issue names, and the smaller screens of older terminals (5:4) and tablets.
const SCREENS = [
    ['portrait 1080 × 1920', PORTRAIT],
    ['landscape 1920 × 1080', LANDSCAPE],
    ['landscape 1280 × 1024', { width: 1280, height: 1024 }],
    ['portrait 768 × 1024', { width: 768, height: 1024 }],
];

for (const [name, viewport] of SCREENS) {
    test(`every interactive element measures at least 44 × 44 px (${name})`, async () => {
        await inEveryState(viewport, async (page, state) => {
            const { count, small } = await targetSizes(page);
            // The keyboard alone has 44 keys, and the header 3 buttons.
            assert.ok(count >= 47, `${state}: ${count} targets measured`);
            assert.deepEqual(small, [], `${state}: targets under 44 × 44 px`);
        });
    });
}

test('the search field and keyboard sit in the lower part of a portrait screen', async () => {
    await withKiosk({}, async ({ page }) => {
        const field = await searchBox(page).boundingBox();
        const keys = await keyboard(page).boundingBox();
        assert.ok(field.y > PORTRAIT.height / 2, `search field at y=${field.y}`);
        assert.ok(keys.y + keys.height <= PORTRAIT.height, 'the keyboard is on screen');
        await openHundesteuer(page);
        const after = await searchBox(page).boundingBox();
        assert.equal(after.y, field.y, 'a long detail scrolls above the search field, which stays put');
    });
});

test('axe-core finds no WCAG 2.1 A/AA violation in kiosk mode', async () => {
    // The page's Content-Security-Policy admits only its own scripts, so axe comes in through
    // the DevTools protocol, which the policy does not govern.
    const axeSource = await readFile(AXE_SCRIPT, 'utf8');
    await inEveryState(PORTRAIT, async (page, state) => {
        if (!(await page.evaluate(() => typeof window.axe !== 'undefined'))) await page.evaluate(axeSource);
        // A terminal's system may be set to dark: the finder follows it (theme "auto").
        for (const colorScheme of ['light', 'dark']) {
            await page.emulateMedia({ colorScheme });
            const violations = await axeViolations(page);
            assert.equal(violations.length, 0, `${state}, ${colorScheme}:\n${formatViolations(violations)}`);
        }
    });
});

test('the start screen shows the language switch and the catalog date', async () => {
    await withKiosk({}, async ({ page }) => {
        assert.equal(
            await page.getByRole('heading', { level: 1 }).textContent(),
            'Bürgerservice: Was möchten Sie erledigen?',
            'the page has a heading (for screen readers) above the finder\'s',
        );
        assert.equal(await page.title(), 'Bürgerservice: Was möchten Sie erledigen?');
        assert.ok(await page.getByRole('group', { name: 'Sprache' }).getByRole('button', { name: 'English' }).isVisible());
        assert.match((await page.getByText(/^Datenstand: /).textContent()) ?? '', /^Datenstand: \d{2}\.\d{2}\.\d{4}$/);
        await page.getByRole('button', { name: 'English' }).click();
        assert.match((await page.getByText(/^Data as of: /).textContent()) ?? '', /^Data as of: \d{4}-\d{2}-\d{2}$/);
        assert.ok(await page.getByRole('group', { name: 'On-screen keyboard' }).isVisible());
    });
});

test('switched to English, the terminal glosses the German service names from the glossary it carries', async () => {
    await withKiosk({}, async ({ page }) => {
        await typeOnScreen(page, 'hundesteuer');
        const german = page.getByRole('option', { name: HUNDESTEUER_NAME });
        await german.waitFor();
        assert.equal(await german.locator('.zufi-gloss').count(), 0, 'no gloss in German');
        await page.getByRole('button', { name: 'Neue Suche' }).click();
        await page.getByRole('button', { name: 'English' }).click();
        await typeOnScreen(page, 'dog tax');
        const option = page.getByRole('option', { name: new RegExp(HUNDESTEUER_NAME) }).first();
        const gloss = option.locator('.zufi-gloss');
        await gloss.waitFor();
        assert.equal(await gloss.getAttribute('lang'), 'en');
        assert.match(await gloss.innerText(), /dog tax/);
        assert.equal(await option.locator('span[lang="de"]').innerText(), HUNDESTEUER_NAME);
    });
});

test('a kiosk browser pointed at a static server on the terminal works as well', async () => {
    const server = await startServer(join(REPO_ROOT, 'build', 'kiosk'));
    const browser = await launchBrowser();
    try {
        const { page, requests, consoleErrors } = await openPage(browser.context);
        await page.goto(`${server.origin}/`);
        await typeOnScreen(page, 'hundesteuer');
        await page.getByRole('option', { name: HUNDESTEUER_NAME }).click();
        await page.getByRole('heading', { level: 2, name: HUNDESTEUER_NAME }).waitFor();
        assert.deepEqual(requests, [`${server.origin}/`], 'the page is the only request');
        assert.deepEqual(consoleErrors, []);
    } finally {
        await browser.close();
        await server.close();
    }
});

test('the website build leaves kiosk mode out and says so when asked for it', async () => {
    await assertSiteBuilt();
    const server = await startServer();
    const browser = await launchBrowser();
    try {
        const { page } = await openPage(browser.context);
        await page.goto(`${server.origin}/index.html`);
        const message = await page.evaluate(async () => {
            const { mount } = await import('/dist/zufi.js');
            const host = document.createElement('div');
            document.body.append(host);
            try {
                await mount(host, { index: '/thueringen.zufi', kiosk: true }).ready;
                return 'mounted';
            } catch (error) {
                return error.message;
            }
        });
        assert.match(message, /option `kiosk`: this build of the finder has no kiosk mode/);
        assert.match(message, /build-kiosk/);
    } finally {
        await browser.close();
        await server.close();
    }
});
