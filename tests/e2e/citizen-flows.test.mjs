// What a citizen does with the finder on the demo pages, in headless Chromium, keyboard first.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { deepActiveElement, searchBox, useServer, waitForFinder, withPage } from './support.mjs';

const ALKERSLEBEN = '160705009001';
const HUNDESTEUER = 'th-hundesteuer';
const HUNDESTEUER_NAME = 'Hund zur Hundesteuer anmelden';

const server = useServer();

function detail(page) {
    return page.getByRole('article');
}

function responsibleOffice(page) {
    // The section headed "Zuständige Stelle" inside the service detail.
    return detail(page).locator('section').filter({
        has: page.getByRole('heading', { level: 3, name: 'Zuständige Stelle' }),
    });
}

async function tabUntilSearchBox(page) {
    // Tab order from the top of the host page into the finder, the way a keyboard user gets there.
    for (let presses = 0; presses < 60; presses += 1) {
        const focused = await deepActiveElement(page);
        if (focused?.role === 'combobox') return;
        await page.keyboard.press('Tab');
    }
    assert.fail('the search box cannot be reached with Tab within 60 presses');
}

test('keyboard only: a misspelt query, arrow down, Enter opens the service with the responsible office', async () => {
    await withPage(server, '/', async ({ page }) => {
        const box = await waitForFinder(page);
        await tabUntilSearchBox(page);
        await page.keyboard.type('hundestuer');

        const listbox = page.getByRole('listbox');
        await listbox.waitFor({ state: 'visible' });
        await assert.doesNotReject(
            page.getByRole('option', { name: HUNDESTEUER_NAME }).first().waitFor(),
            'the misspelt query still suggests the dog tax',
        );
        assert.equal(await box.getAttribute('aria-expanded'), 'true');
        assert.equal(await box.getAttribute('aria-autocomplete'), 'list');
        const listboxId = await listbox.getAttribute('id');
        assert.ok(listboxId, 'the listbox has an id');
        assert.equal(await box.getAttribute('aria-controls'), listboxId);
        await page.getByRole('status').filter({ hasText: /Leistung(en)? gefunden/ }).first().waitFor();

        await page.keyboard.press('ArrowDown');
        const active = page.getByRole('option', { selected: true });
        await active.waitFor();
        const activeId = await active.getAttribute('id');
        assert.ok(activeId, 'the active option has an id');
        assert.equal(await box.getAttribute('aria-activedescendant'), activeId);
        const activeText = (await active.textContent()) ?? '';
        assert.ok(activeText.startsWith(HUNDESTEUER_NAME), `first suggestion is the dog tax, got "${activeText}"`);
        assert.ok((await active.locator('mark').count()) > 0, 'the matched part is highlighted');

        await page.keyboard.press('Enter');
        await detail(page).getByRole('heading', { level: 2, name: HUNDESTEUER_NAME }).waitFor();
        await responsibleOffice(page)
            .getByRole('heading', { level: 4, name: 'Verwaltungsgemeinschaft Riechheimer Berg' })
            .waitFor();
        assert.match(page.url(), new RegExp(`#zufi:.*s=${HUNDESTEUER}`), 'opening a service is in the URL');
    });
});

test('Einbürgerung shows both roles, each with the region it is responsible for', async () => {
    await withPage(server, '/', async ({ page }) => {
        const box = await waitForFinder(page);
        await box.fill('einbürgerung');
        await page.getByRole('option', { name: 'Einbürgerung beantragen' }).first().click();
        const office = responsibleOffice(page);
        await office.getByRole('heading', { level: 4, name: 'Thüringer Landesverwaltungsamt' }).waitFor();
        await office.getByText('Zuständige Stelle für Thüringen', { exact: true }).waitFor();
        await office.getByRole('heading', { level: 4, name: 'Landratsamt Ilm-Kreis' }).waitFor();
        await office.getByText('Ansprechpunkt für Ilm-Kreis', { exact: true }).waitFor();
    });
});

test('Escape closes the suggestions, a second Escape clears the input', async () => {
    await withPage(server, '/', async ({ page }) => {
        const box = await waitForFinder(page);
        await box.focus();
        await page.keyboard.type('personalausweis');
        await page.getByRole('listbox').waitFor({ state: 'visible' });
        await page.keyboard.press('Escape');
        await page.getByRole('listbox').waitFor({ state: 'hidden' });
        assert.equal(await box.getAttribute('aria-expanded'), 'false');
        assert.equal(await box.inputValue(), 'personalausweis');
        await page.keyboard.press('Escape');
        await page.waitForFunction(
            () => document.querySelector('zufi-finder').shadowRoot.querySelector('input[role="combobox"]').value === '',
        );
    });
});

test('place change by postcode: 99310 asks which municipality, Arnstadt changes the office', async () => {
    await withPage(server, `/#zufi:s=${HUNDESTEUER}&ars=${ALKERSLEBEN}`, async ({ page }) => {
        await waitForFinder(page);
        await responsibleOffice(page)
            .getByRole('heading', { level: 4, name: 'Verwaltungsgemeinschaft Riechheimer Berg' })
            .waitFor();

        const place = page.locator('section').filter({ has: page.getByRole('heading', { name: 'Ihr Ort' }) });
        await place.getByText('Alkersleben').first().waitFor();
        await place.getByRole('button', { name: 'Ort ändern' }).click();
        const placeInput = page.getByRole('textbox', { name: 'Postleitzahl oder Ort' });
        await placeInput.fill('99310');
        await placeInput.press('Enter');

        const choice = page.getByRole('group', { name: 'Bitte wählen Sie Ihren Ort' });
        await choice.waitFor();
        const names = await choice.getByRole('button').allTextContents();
        for (const expected of ['Arnstadt, Stadt', 'Alkersleben', 'Dornheim', 'Witzleben']) {
            assert.ok(
                names.some((name) => name.includes(expected)),
                `99310 offers ${expected}; offered: ${names.join(' | ')}`,
            );
        }
        await choice.getByRole('button', { name: 'Arnstadt, Stadt' }).click();

        await responsibleOffice(page)
            .getByRole('heading', { level: 4, name: 'Stadtverwaltung Arnstadt' })
            .waitFor();
        assert.equal(
            await responsibleOffice(page)
                .getByRole('heading', { level: 4, name: 'Verwaltungsgemeinschaft Riechheimer Berg' })
                .count(),
            0,
            'the previous place\'s office is gone',
        );
        await place.getByText('Arnstadt').first().waitFor();
        assert.match(page.url(), /ars=160700004004/, 'the new place is in the URL');
        // Focus stays in the finder: on the button that changes the place again (WCAG 2.4.3).
        let focused = await deepActiveElement(page);
        assert.equal(focused?.text, 'Ort ändern', `focus after choosing: ${JSON.stringify(focused)}`);
        // Escape in the reopened field keeps the place and brings focus back there too.
        await place.getByRole('button', { name: 'Ort ändern' }).click();
        await placeInput.press('Escape');
        await place.getByText('Arnstadt').first().waitFor();
        focused = await deepActiveElement(page);
        assert.equal(focused?.text, 'Ort ändern', `focus after Escape: ${JSON.stringify(focused)}`);
    });
});

test('deep link: opening a #zufi: URL shows the service, Back and Forward move between states', async () => {
    const deepLink = `/#zufi:q=hundesteuer&s=${HUNDESTEUER}&ars=${ALKERSLEBEN}`;
    await withPage(server, deepLink, async ({ page }) => {
        await waitForFinder(page);
        await detail(page).getByRole('heading', { level: 2, name: HUNDESTEUER_NAME }).waitFor();
        await responsibleOffice(page)
            .getByRole('heading', { level: 4, name: 'Verwaltungsgemeinschaft Riechheimer Berg' })
            .waitFor();

        // Back to the search is a new history entry; the browser's Back returns to the service.
        await page.getByRole('button', { name: 'Zurück zur Suche' }).click();
        await detail(page).waitFor({ state: 'detached' });
        await searchBox(page).waitFor();
        assert.doesNotMatch(page.url(), /s=th-hundesteuer/);

        await page.goBack();
        await detail(page).getByRole('heading', { level: 2, name: HUNDESTEUER_NAME }).waitFor();
        assert.match(page.url(), /s=th-hundesteuer/);

        await page.goForward();
        await detail(page).waitFor({ state: 'detached' });
    });
});

test('deep link: a service opened in the finder can be left with the browser\'s Back', async () => {
    await withPage(server, '/', async ({ page }) => {
        const box = await waitForFinder(page);
        const startUrl = page.url();
        await box.focus();
        await page.keyboard.type('hundesteuer');
        await page.getByRole('option', { name: HUNDESTEUER_NAME }).first().click();
        await detail(page).getByRole('heading', { level: 2, name: HUNDESTEUER_NAME }).waitFor();
        const serviceUrl = page.url();
        assert.match(serviceUrl, /#zufi:/);

        await page.goBack();
        await detail(page).waitFor({ state: 'detached' });
        assert.doesNotMatch(page.url(), /s=th-hundesteuer/);
        assert.ok(page.url().startsWith(startUrl.split('#')[0]), 'still the same page');

        // The link works on its own in a fresh tab.
        const second = await page.context().newPage();
        await second.goto(serviceUrl);
        await detail(second).getByRole('heading', { level: 2, name: HUNDESTEUER_NAME }).waitFor();
        await second.close();
    });
});

test('a host page\'s own hash is left alone', async () => {
    await withPage(server, '/#inhalt', async ({ page }) => {
        // On load the host's anchor is neither read as finder state nor replaced.
        const box = await waitForFinder(page);
        assert.equal(new URL(page.url()).hash, '#inhalt');
        assert.equal(await page.getByRole('article').count(), 0);

        // Following one of the host's in-page links does not reset the finder.
        await box.focus();
        await page.keyboard.type('hundesteuer');
        await page.keyboard.press('ArrowDown');
        await page.keyboard.press('Enter');
        await detail(page).getByRole('heading', { level: 2, name: HUNDESTEUER_NAME }).waitFor();
        // The skip link is shown on focus only; a keyboard user follows it with Enter.
        await page.getByRole('link', { name: 'Zum Inhalt springen' }).focus();
        await page.keyboard.press('Enter');
        await page.waitForURL(/#inhalt$/);
        assert.equal(new URL(page.url()).hash, '#inhalt');
        await detail(page).getByRole('heading', { level: 2, name: HUNDESTEUER_NAME }).waitFor();
    });
});

test('Berlin page: the preset place finds Berlin\'s services', async () => {
    await withPage(server, '/berlin.html', async ({ page }) => {
        const box = await waitForFinder(page);
        await box.focus();
        await page.keyboard.type('personalausweis');
        await page.getByRole('option').first().waitFor();
        const first = (await page.getByRole('option').first().textContent()) ?? '';
        assert.match(first, /Personalausweis/i);
        await page.keyboard.press('ArrowDown');
        await page.keyboard.press('Enter');
        await detail(page).getByRole('heading', { level: 2 }).waitFor();
        await responsibleOffice(page).getByRole('heading', { level: 4 }).first().waitFor();
    });
});

test('no search results: the finder says so and offers alternatives', async () => {
    await withPage(server, '/', async ({ page }) => {
        const box = await waitForFinder(page);
        await box.focus();
        // A swapped letter in a four-letter word is beyond the typo budget.
        await page.keyboard.type('hnud ');
        await page.getByRole('status').filter({ hasText: 'Keine Leistung gefunden' }).first().waitFor();
        await page.getByRole('button', { name: 'Hund' }).first().waitFor();
    });
});

test('script API: mount() in English with a postcode preset; destroy() removes the finder', async () => {
    await withPage(server, '/script-api.html', async ({ page }) => {
        await waitForFinder(page, 'en');
        // 99310 spans several municipalities: the finder asks instead of guessing.
        const choice = page.getByRole('group', { name: 'Please choose your place' });
        await choice.waitFor();
        await choice.getByRole('button', { name: 'Alkersleben' }).click();
        await page.getByRole('heading', { name: 'Your place' }).waitFor();

        await searchBox(page, 'en').focus();
        await page.keyboard.type('hundesteuer');
        await page.getByRole('status').filter({ hasText: /services? found/ }).first().waitFor();
        await page.keyboard.press('ArrowDown');
        await page.keyboard.press('Enter');
        await page.getByRole('article').getByRole('heading', { level: 3, name: 'Responsible office' }).waitFor();

        await page.getByRole('button', { name: 'Remove the finder' }).click();
        await searchBox(page, 'en').waitFor({ state: 'detached' });
        const left = await page.evaluate(() => document.getElementById('finder').shadowRoot.childElementCount);
        assert.equal(left, 0, 'nothing of the finder is left in its shadow root');
    });
});

test('in English, suggestions gloss the German service names; the names are marked as German', async () => {
    await withPage(server, `/script-api.html?ars=${ALKERSLEBEN}`, async ({ page, requests }) => {
        await waitForFinder(page, 'en');
        await searchBox(page, 'en').focus();
        await page.keyboard.type('dog tax');
        const option = page.getByRole('option', { name: new RegExp(HUNDESTEUER_NAME) }).first();
        await option.waitFor();
        const gloss = option.locator('.zufi-gloss');
        await gloss.waitFor();
        assert.equal(await gloss.getAttribute('lang'), 'en');
        assert.match(await gloss.innerText(), /dog tax/);
        assert.equal(await option.locator('span[lang="de"]').innerText(), HUNDESTEUER_NAME);
        assert.ok(
            requests.some((url) => url.endsWith('/dist/glossary-en.tsv')),
            'the English finder fetched the glossary beside the loader',
        );
        // The detail too: the German name marked as German, its gloss under it.
        await option.click();
        const article = page.getByRole('article');
        const heading = article.getByRole('heading', { level: 2, name: HUNDESTEUER_NAME });
        await heading.waitFor();
        assert.equal(await heading.getAttribute('lang'), 'de');
        const detailGloss = article.locator('p.zufi-gloss');
        assert.equal(await detailGloss.getAttribute('lang'), 'en');
        assert.match(await detailGloss.innerText(), /dog tax/);
        // The catalog's texts are German in an English finder, and say so.
        const moduleText = article.locator('section.zufi-module > div').first();
        assert.equal(await moduleText.getAttribute('lang'), 'de');
        assert.equal(await article.locator('section.zufi-module h3').first().getAttribute('lang'), null);
        // So are the responsible offices' names, addresses and opening hours, and the names of
        // forms and online services; the finder's own words around them are not.
        const card = article.locator('section.zufi-card').first();
        await card.waitFor();
        assert.equal(await card.locator('h4').getAttribute('lang'), 'de');
        for (const part of ['.zufi-address', 'ul.zufi-hours']) {
            const element = card.locator(part);
            if ((await element.count()) > 0) assert.equal(await element.getAttribute('lang'), 'de', part);
        }
        assert.equal(await card.locator('.zufi-role').getAttribute('lang'), null);
        const links = article.locator('section.zufi-links li');
        assert.ok((await links.count()) > 0, 'the Hundesteuer has a form or an online service');
        assert.equal(await links.first().getAttribute('lang'), 'de');
    });
});

test('in German, no glossary is fetched and names stay unglossed', async () => {
    await withPage(server, '/', async ({ page, requests }) => {
        const box = await waitForFinder(page);
        await box.focus();
        await page.keyboard.type('hundesteuer');
        await page.getByRole('option', { name: HUNDESTEUER_NAME }).first().waitFor();
        assert.equal(await page.locator('zufi-finder').locator('.zufi-gloss').count(), 0);
        // A German finder marks nothing: the page's language is the catalog's.
        assert.equal(await page.locator('zufi-finder').locator('[role="option"] [lang]').count(), 0);
        assert.ok(!requests.some((url) => url.includes('glossary')), 'no glossary request');
    });
});
