// Printing a service from the website finder: the browser's print (print CSS in zufi.css) gives
// the detail alone, and paper shows where each link leads.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { assertSiteBuilt, launchBrowser, openPage, searchBox, startServer } from './support.mjs';

let server;

before(async () => {
    await assertSiteBuilt();
    server = await startServer();
});

after(async () => {
    await server?.close();
});

test('printing a service leaves out the controls and writes out the link addresses', async () => {
    const browser = await launchBrowser();
    try {
        const { page, consoleErrors } = await openPage(browser.context);
        // The Thüringen demo's Hundesteuer in Alkersleben, whose form is a link.
        await page.goto(`${server.origin}/index.html#zufi:s=th-hundesteuer&ars=160705009001`);
        const detail = page.getByRole('article');
        await detail.getByRole('heading', { level: 2, name: 'Hund zur Hundesteuer anmelden' }).waitFor();
        await page.emulateMedia({ media: 'print' });
        assert.equal(await searchBox(page).isVisible(), false, 'no search box on paper');
        assert.equal(await page.getByRole('button', { name: 'Zurück zur Suche' }).isVisible(), false);
        assert.equal(await page.getByRole('button', { name: 'Ort ändern' }).isVisible(), false);
        assert.ok(await detail.getByRole('heading', { name: 'Zuständige Stelle' }).isVisible());
        const link = detail.getByRole('link', { name: 'Anmeldung eines Hundes zur Hundesteuer' });
        const printed = await link.evaluate((a) => getComputedStyle(a, '::after').content);
        assert.equal(printed, '" (https://demo.zufi.invalid/formulare/hundesteuer-anmeldung.pdf)"');
        await page.emulateMedia({ media: 'screen' });
        assert.equal(await link.evaluate((a) => getComputedStyle(a, '::after').content), 'none', 'not on screen');
        assert.deepEqual(consoleErrors, []);
    } finally {
        await browser.close();
    }
});
