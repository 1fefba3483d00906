// Printing a service from the website finder: the browser's print (print CSS in zufi.css) gives
// the detail alone, and paper shows where each link leads.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { searchBox, useServer, withPage } from './support.mjs';

const server = useServer();

test('printing a service leaves out the controls and writes out the link addresses', async () => {
    // The Thüringen demo's Hundesteuer in Alkersleben, whose form is a link.
    await withPage(server, '/index.html#zufi:s=th-hundesteuer&ars=160705009001', async ({ page }) => {
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
    });
});
