// Several finders on one page keep to their own part of the address hash (issue 13, finding 3),
// and the address is the finder's only when the host turns hash routing on (finding 7).
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { useServer, withPage } from './support.mjs';

const HUNDESTEUER = 'th-hundesteuer';
const HUNDESTEUER_NAME = 'Hund zur Hundesteuer anmelden';
const ALKERSLEBEN = '160705009001';

// Two finders with ids, both writing the address: Thüringen and Berlin.
const TWO_FINDERS = `<!doctype html>
<html lang="de">
<head><meta charset="utf-8"><title>Zwei Finder</title>
<script type="module" src="/dist/zufi.js"></script></head>
<body><main>
<h1>Zwei Finder</h1>
<h2>Thüringen</h2>
<zufi-finder id="leistungen" index="/thueringen.zufi" ars="${ALKERSLEBEN}" hash-routing></zufi-finder>
<h2>Berlin</h2>
<zufi-finder id="berlin" index="/berlin.zufi" ars="110000000000" hash-routing></zufi-finder>
</main></body>
</html>`;

const server = useServer();

function finder(page, id) {
    const element = page.locator(`#${id}`);
    return {
        box: element.getByRole('combobox', { name: 'Was möchten Sie erledigen?' }),
        article: element.getByRole('article'),
        heading: (name) => element.getByRole('article').getByRole('heading', { level: 2, name }),
        element,
    };
}

function hashOf(page) {
    return decodeURIComponent(new URL(page.url()).hash);
}

test('two finders: a deep link opens one, Back and Forward move each alone', async () => {
    const link = `/two-finders.html#zufi:leistungen.s=${HUNDESTEUER}&leistungen.ars=${ALKERSLEBEN}`;
    await withPage(server, { path: link, pages: { '/two-finders.html': TWO_FINDERS } }, async ({ page }) => {
        const thueringen = finder(page, 'leistungen');
        const berlin = finder(page, 'berlin');
        await thueringen.heading(HUNDESTEUER_NAME).waitFor();
        await berlin.box.waitFor();
        // The link is not the Berlin finder's: it shows its search, not "not in the directory".
        assert.equal(await berlin.article.count(), 0, 'the other finder opens nothing');
        assert.equal(await berlin.element.getByText('nicht enthalten').count(), 0);
        assert.equal(await berlin.box.inputValue(), '');

        // The Berlin finder searches and opens a service: its own keys join the address.
        await berlin.box.fill('personalausweis');
        await berlin.element.getByRole('option').first().click();
        await berlin.article.getByRole('heading', { level: 2 }).waitFor();
        const berlinService = await berlin.article.getByRole('heading', { level: 2 }).textContent();
        assert.match(hashOf(page), /berlin\.s=/);
        assert.match(hashOf(page), new RegExp(`leistungen\\.s=${HUNDESTEUER}`), 'the first finder\'s keys stay');
        await thueringen.heading(HUNDESTEUER_NAME).waitFor();

        // Back closes the Berlin service and leaves Thüringen's open.
        await page.goBack();
        await berlin.article.waitFor({ state: 'detached' });
        assert.equal(await berlin.box.inputValue(), 'personalausweis', 'Berlin\'s query comes back');
        await thueringen.heading(HUNDESTEUER_NAME).waitFor();
        assert.equal(await thueringen.box.inputValue(), '', 'no query moved over to Thüringen');

        // Thüringen back to its search: Berlin untouched.
        await thueringen.element.getByRole('button', { name: 'Zurück zur Suche' }).click();
        await thueringen.article.waitFor({ state: 'detached' });
        assert.doesNotMatch(hashOf(page), /leistungen\.s=/);
        assert.match(hashOf(page), /berlin\.q=personalausweis/);
        await page.goBack();
        await thueringen.heading(HUNDESTEUER_NAME).waitFor();
        assert.equal(await berlin.article.count(), 0);
        assert.equal(await berlin.box.inputValue(), 'personalausweis');

        // Forward: Thüringen's search again; Berlin keeps its query.
        await page.goForward();
        await thueringen.article.waitFor({ state: 'detached' });
        assert.equal(await berlin.box.inputValue(), 'personalausweis');
        assert.equal(await berlin.article.count(), 0);

        // Berlin opens its service again; Back goes to Berlin's search, Forward to its service,
        // and Thüringen stays on its search all along.
        await berlin.box.click();
        await berlin.element.getByRole('option').first().click();
        await berlin.heading(berlinService).waitFor();
        await page.goBack();
        await berlin.article.waitFor({ state: 'detached' });
        await page.goForward();
        await berlin.heading(berlinService).waitFor();
        assert.equal(await thueringen.article.count(), 0);
        assert.equal(await thueringen.box.inputValue(), '');
    });
});

test('hash routing is off by default: nothing enters the address, a link still opens the finder', async () => {
    // script-api.html mounts into <div id="finder"> without hashRouting.
    await withPage(server, `/script-api.html?plz=99084&lang=de#zufi:finder.s=${HUNDESTEUER}`, async ({ page }) => {
        const own = finder(page, 'finder');
        await own.heading(HUNDESTEUER_NAME).waitFor();
        const linked = page.url();
        const entries = await page.evaluate(() => history.length);
        await own.element.getByRole('button', { name: 'Zurück zur Suche' }).click();
        await own.box.fill('personalausweis beantragen');
        await own.element.getByRole('option').first().click();
        await own.article.getByRole('heading', { level: 2 }).waitFor();
        assert.equal(page.url(), linked, 'neither the query nor the service went into the address');
        assert.equal(await page.evaluate(() => history.length), entries, 'no history entries were added');
    });
});

test('each finder asks for its index ahead of the wasm, and the index is fetched once', async () => {
    await withPage(server, { path: '/zwei.html', pages: { '/zwei.html': TWO_FINDERS } }, async ({ page, requests }) => {
        await finder(page, 'leistungen').box.waitFor();
        await finder(page, 'berlin').box.waitFor();
        await page.waitForFunction(() =>
            [...document.querySelectorAll('zufi-finder')].every((host) => {
                const input = host.shadowRoot?.querySelector('input[role="combobox"]');
                return input != null && !input.disabled;
            }),
        );
        const preloads = await page.evaluate(() =>
            [...document.head.querySelectorAll('link[rel="preload"]')].map((link) => [link.as, link.crossOrigin, link.href]),
        );
        assert.deepEqual(preloads.sort(), [
            ['fetch', 'anonymous', `${server.origin}/berlin.zufi`],
            ['fetch', 'anonymous', `${server.origin}/thueringen.zufi`],
        ]);
        // A preload the finder's own fetch did not take would show as a second request.
        for (const index of ['/thueringen.zufi', '/berlin.zufi']) {
            const fetched = requests.filter((url) => new URL(url).pathname === index);
            assert.equal(fetched.length, 1, `${index} requested ${fetched.length} times`);
        }
    });
});
