// Keyboard and screen reader behaviour beyond the search itself: the suggestion list closes when
// the focus leaves the search box, and every choice (place, A–Z, topics) is announced through the
// finder's live region, with the focus in a defined place afterwards (issue 13, finding 10).
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { deepActiveElement, searchBox, useServer, waitForFinder, withPage } from './support.mjs';

const server = useServer();

/** The finder's polite live region (role status, always in the DOM). */
function liveRegion(page) {
    return page.locator('.zufi-status');
}

/** Waits until the live region says `expected` (a string or a RegExp) and returns what it says. */
async function announced(page, expected) {
    const region = liveRegion(page);
    try {
        await page.waitForFunction(
            ([source, flags, exact]) => {
                const host = document.querySelector('zufi-finder') ?? document.getElementById('finder');
                const text = host?.shadowRoot?.querySelector('.zufi-status')?.textContent ?? '';
                return exact !== null ? text === exact : new RegExp(source, flags).test(text);
            },
            typeof expected === 'string' ? [null, null, expected] : [expected.source, expected.flags, null],
            { timeout: 5000 },
        );
    } catch {
        assert.fail(`the live region should say ${expected}, says "${await region.textContent()}"`);
    }
    assert.equal(await region.getAttribute('aria-live'), 'polite');
    return region.textContent();
}

async function focusedText(page) {
    const focused = await deepActiveElement(page);
    return focused?.text;
}

test('the suggestion list closes when the focus leaves the search box and reopens on return', async () => {
    await withPage(server, '/', async ({ page }) => {
        const box = await waitForFinder(page);
        const listbox = page.getByRole('listbox');
        await box.focus();
        await page.keyboard.type('personalausweis');
        await listbox.waitFor({ state: 'visible' });
        await page.keyboard.press('ArrowDown');
        assert.ok(await box.getAttribute('aria-activedescendant'), 'an option is active');

        // Tab moves on: the list closes and names no active option.
        await page.keyboard.press('Tab');
        await listbox.waitFor({ state: 'hidden' });
        assert.equal(await box.getAttribute('aria-expanded'), 'false');
        assert.equal(await box.getAttribute('aria-activedescendant'), null);
        assert.notEqual((await deepActiveElement(page))?.role, 'combobox', 'the focus moved on');

        // Shift+Tab back into the box: the same suggestions are there again.
        await page.keyboard.press('Shift+Tab');
        await listbox.waitFor({ state: 'visible' });
        assert.equal(await box.getAttribute('aria-expanded'), 'true');
        assert.equal(await box.inputValue(), 'personalausweis');

        // A click outside the finder closes it too; a click into the box reopens it.
        await page.locator('h1').first().click();
        await listbox.waitFor({ state: 'hidden' });
        assert.equal(await box.getAttribute('aria-expanded'), 'false');
        await box.click();
        await listbox.waitFor({ state: 'visible' });

        // A click on a button below the open list is not lost: the list, which sits in the page's
        // flow, closes only once the click is done, so the button does not move away under the
        // pointer between press and release.
        await page.getByRole('navigation', { name: 'Leistungen durchsuchen' }).getByRole('button', { name: 'A–Z' }).click();
        await page.locator('.zufi-letter').first().waitFor();
        await listbox.waitFor({ state: 'hidden' });
        assert.equal(await box.getAttribute('aria-expanded'), 'false');
        await box.click();
        await listbox.waitFor({ state: 'visible' });

        // Clicking an option still opens it: the press does not take the focus from the box first.
        await page.getByRole('option').first().click();
        await page.getByRole('article').getByRole('heading', { level: 2 }).waitFor();
    });
});

test('place choice, change and Escape are announced; the focus goes to "Ort ändern"', async () => {
    await withPage(server, '/', async ({ page }) => {
        await waitForFinder(page);
        const place = page.locator('section').filter({ has: page.getByRole('heading', { name: 'Ihr Ort' }) });
        await place.getByRole('button', { name: 'Ort ändern' }).click();
        const placeInput = page.getByRole('textbox', { name: 'Postleitzahl oder Ort' });
        await placeInput.fill('99310');
        const choices = await announced(page, /^\d+ Orte zur Auswahl$/);
        const offered = await page.getByRole('group', { name: 'Bitte wählen Sie Ihren Ort' }).getByRole('button').count();
        assert.equal(choices, `${offered} Orte zur Auswahl`, 'the announcement counts the places offered');

        await page.getByRole('button', { name: 'Arnstadt, Stadt' }).click();
        await announced(page, 'Ort geändert: Arnstadt, Stadt');
        assert.equal(await focusedText(page), 'Ort ändern');

        // The demo page writes the address: Back undoes the change, and the live region no longer
        // claims it; Forward makes it again, silently.
        await page.goBack();
        await place.getByText('Alkersleben').first().waitFor();
        await announced(page, '');
        await page.goForward();
        await place.getByText('Arnstadt').first().waitFor();
        await announced(page, '');

        await place.getByRole('button', { name: 'Ort ändern' }).click();
        await placeInput.press('Escape');
        await announced(page, 'Ort unverändert: Arnstadt, Stadt');
        assert.equal(await focusedText(page), 'Ort ändern');

        // Typing takes the live region back to the count of services found.
        await searchBox(page).fill('hundesteuer');
        await announced(page, /Leistung(en)? gefunden$/);
    });
});

test('a first place choice is announced (mount() with an ambiguous postcode, in English)', async () => {
    await withPage(server, '/script-api.html', async ({ page }) => {
        await waitForFinder(page, 'en');
        await page.getByRole('group', { name: 'Please choose your place' }).getByRole('button', { name: 'Alkersleben' }).click();
        await announced(page, 'Place chosen: Alkersleben');
        assert.equal(await focusedText(page), 'Change place');
    });
});

test('A–Z, a letter, topics, a topic and closing are announced; the focus stays on the pressed button', async () => {
    await withPage(server, '/', async ({ page }) => {
        await waitForFinder(page);
        const browse = page.getByRole('navigation', { name: 'Leistungen durchsuchen' });

        await browse.getByRole('button', { name: 'A–Z' }).click();
        const letters = await browse.locator('.zufi-letter').count();
        await announced(page, `Leistungen von A bis Z: ${letters} Anfangsbuchstaben`);
        assert.equal(await focusedText(page), 'A–Z');

        await browse.locator('.zufi-letter', { hasText: /^H$/ }).click();
        const underH = await browse.locator('.zufi-browse-list li').count();
        assert.ok(underH > 0, 'services filed under H');
        await announced(page, underH === 1 ? 'Buchstabe H: 1 Leistung' : `Buchstabe H: ${underH} Leistungen`);
        assert.equal(await focusedText(page), 'H');
        assert.equal(await browse.locator('.zufi-letter', { hasText: /^H$/ }).getAttribute('aria-pressed'), 'true');

        await browse.getByRole('button', { name: 'Themen' }).click();
        const topics = await browse.locator('.zufi-topic').count();
        await announced(page, `Leistungen nach Themen: ${topics} Themen`);
        assert.equal(await focusedText(page), 'Themen');

        const topic = browse.locator('.zufi-topic', { hasText: 'Ausweise und Dokumente' });
        await topic.click();
        const inTopic = await browse.locator('.zufi-browse-list li').count();
        await announced(page, `Thema Ausweise und Dokumente: ${inTopic} Leistung${inTopic === 1 ? '' : 'en'}`);
        assert.equal(await focusedText(page), 'Ausweise und Dokumente');

        await browse.getByRole('button', { name: 'Themen' }).click();
        await announced(page, 'Stöbern geschlossen');
        assert.equal(await focusedText(page), 'Themen');

        // A service chosen while browsing: the focus goes to its heading.
        await browse.getByRole('button', { name: 'A–Z' }).click();
        await browse.locator('.zufi-letter', { hasText: /^H$/ }).click();
        const first = browse.locator('.zufi-browse-list button').first();
        const name = ((await first.textContent()) ?? '').trim();
        await first.click();
        await page.getByRole('article').getByRole('heading', { level: 2, name }).waitFor();
        assert.equal((await deepActiveElement(page))?.tag, 'h2');
    });
});

test('"Meinten Sie …?": picking an alternative searches for it and puts the focus in the search box', async () => {
    await withPage(server, '/', async ({ page }) => {
        const box = await waitForFinder(page);
        await box.focus();
        await page.keyboard.type('hnud ');
        await announced(page, 'Keine Leistung gefunden');
        await page.locator('.zufi-did-you-mean button').first().click();
        await announced(page, /Leistung(en)? gefunden$/);
        assert.equal((await deepActiveElement(page))?.role, 'combobox', 'the focus is back in the search box');
        await page.getByRole('listbox').waitFor({ state: 'visible' });
    });
});
