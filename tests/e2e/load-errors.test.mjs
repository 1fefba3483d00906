// Error states are no dead ends (issue 13, finding 4): an index request that never answers ends in
// an error after the load timeout, every error offers "Erneut versuchen", which loads again, and
// names the host's contact, whose links are built as catalog links are.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { deepActiveElement, useServer, waitForFinder, withPage } from './support.mjs';

const CONTACT = {
    text: 'Bürgerbüro Musterstadt',
    phone: '0361 655-0',
    email: 'buergerbuero@musterstadt.de',
    url: 'https://www.musterstadt.de/kontakt',
};

function page(attributes, index = '/thueringen.zufi') {
    return `<!doctype html>
<html lang="de">
<head><meta charset="utf-8"><title>Ladefehler</title>
<script type="module" src="/dist/zufi.js"></script></head>
<body><main><h1>Ladefehler</h1>
<zufi-finder index="${index}" ars="160705009001" ${attributes}></zufi-finder>
</main></body>
</html>`;
}

const WITH_CONTACT = Object.entries(CONTACT)
    .map(([field, value]) => `contact-${field}="${value}"`)
    .join(' ');

const server = useServer();

// `routeIndex` stands in for the server of the index, single file or shards. The errors it provokes
// reach the console, so the tests look there themselves.
function withHostPage(html, routeIndex, body) {
    const path = '/errors.html';
    const routes = { '/thueringen.zufi': routeIndex, '/shards/thueringen/*.zufi': routeIndex };
    return withPage(server, { path, pages: { [path]: html }, routes, cleanConsole: false }, body);
}

function alert(page) {
    return page.locator('zufi-finder').getByRole('alert');
}

async function assertContact(page) {
    const box = alert(page);
    await box.getByText('Wir helfen Ihnen gern weiter:').waitFor();
    await box.getByText(CONTACT.text).waitFor();
    assert.equal(await box.getByRole('link', { name: CONTACT.phone }).getAttribute('href'), 'tel:03616550');
    assert.equal(
        await box.getByRole('link', { name: CONTACT.email }).getAttribute('href'),
        `mailto:${CONTACT.email}`,
    );
    assert.equal(await box.getByRole('link', { name: CONTACT.url }).getAttribute('href'), CONTACT.url);
}

test('an index request that never answers ends in an error after the timeout; retry loads again', async () => {
    let hang = true;
    let requests = 0;
    const routeIndex = (route) => {
        requests += 1;
        // A server that accepts the request and never answers.
        if (!hang) route.continue();
    };
    await withHostPage(page(`load-timeout="2" ${WITH_CONTACT}`), routeIndex, async ({ page, consoleErrors }) => {
        const started = Date.now();
        await alert(page).getByText('Der Server hat nicht rechtzeitig geantwortet (in 2 Sekunden).').waitFor();
        const waited = Date.now() - started;
        assert.ok(waited >= 1500 && waited < 10000, `the error came after the timeout, in ${waited} ms`);
        await alert(page).getByText('Das Verzeichnis der Leistungen konnte nicht geladen werden.').waitFor();
        await assertContact(page);
        assert.ok(
            consoleErrors.some((error) => error.includes('no complete answer within 2000 ms')),
            `the console names the timeout: ${consoleErrors.join(' | ')}`,
        );

        // Retry while the server still hangs: a new request, and the error again, focus on retry.
        const retry = alert(page).getByRole('button', { name: 'Erneut versuchen' });
        await retry.click();
        await page.locator('zufi-finder').getByText('Verzeichnis wird geladen …').waitFor();
        await alert(page).getByRole('button', { name: 'Erneut versuchen' }).waitFor();
        assert.equal(requests, 2, 'the retry requested the index again');
        assert.equal((await deepActiveElement(page))?.text, 'Erneut versuchen');

        // The server answers now: the retry brings the finder, with the focus in its search box.
        hang = false;
        await alert(page).getByRole('button', { name: 'Erneut versuchen' }).press('Enter');
        await waitForFinder(page);
        assert.equal(await alert(page).count(), 0);
        assert.equal((await deepActiveElement(page))?.role, 'combobox');
        assert.equal(requests, 3);
    });
});

test('a failed load is retried with "Erneut versuchen" and then succeeds', async () => {
    let failures = 1;
    const routeIndex = (route) => {
        if (failures > 0) {
            failures -= 1;
            route.fulfill({ status: 503, body: 'busy' });
        } else {
            route.continue();
        }
    };
    await withHostPage(page(WITH_CONTACT), routeIndex, async ({ page }) => {
        await alert(page).getByText('Der Server hat mit einem Fehler geantwortet (HTTP 503).').waitFor();
        await assertContact(page);
        await alert(page).getByRole('button', { name: 'Erneut versuchen' }).click();
        const box = await waitForFinder(page);
        await box.fill('hundesteuer');
        await page.getByRole('option').first().waitFor();
    });
});

test('without a contact the error still offers the retry; a contact that is no safe link is refused', async () => {
    const routeIndex = (route) => route.fulfill({ status: 404, body: 'not found' });
    await withHostPage(page(''), routeIndex, async ({ page }) => {
        await alert(page).getByText('Die Datei wurde nicht gefunden.').waitFor();
        await alert(page).getByRole('button', { name: 'Erneut versuchen' }).waitFor();
        assert.equal(await alert(page).getByRole('link').count(), 0);
    });
    await withHostPage(page('contact-url="javascript:alert(1)"'), (route) => route.continue(), async ({ page }) => {
        await alert(page).getByText('contact.url').waitFor();
        assert.equal(await page.locator('zufi-finder').getByRole('link').count(), 0, 'no link is made of it');
    });
});

test('a part of a sharded index that failed is retried from its own error', async () => {
    // The place's areas (who is responsible) fail until the citizen retries.
    let failing = true;
    const routeIndex = (route) => {
        const file = new URL(route.request().url()).pathname.split('/').pop();
        if (failing && file.startsWith('area')) return route.fulfill({ status: 503, body: 'busy' });
        return route.continue();
    };
    await withHostPage(page(WITH_CONTACT, '/shards/thueringen/manifest.json'), routeIndex, async ({ page }) => {
        const box = await waitForFinder(page);
        await box.fill('hundesteuer');
        await page.getByRole('option').first().click();
        const detail = page.getByRole('article');
        const part = detail.getByRole('alert');
        await part.getByText('Zuständigkeiten für Ihren Ort konnten nicht geladen werden.').waitFor();
        await assertContact(page);
        failing = false;
        await part.getByRole('button', { name: 'Erneut versuchen' }).click();
        await detail.getByRole('heading', { level: 4, name: 'Verwaltungsgemeinschaft Riechheimer Berg' }).waitFor();
        assert.equal(await detail.getByRole('alert').count(), 0, 'the error is gone');
        assert.equal((await deepActiveElement(page))?.tag, 'h2', 'the focus is on the service\'s heading');
    });
});
