// No search ends in a dead end (issue 12): a search that finds nothing offers "Meinten Sie …?",
// the closest topics and a human to ask (the host's contact, else the Behördennummer 115, which
// the host can turn off); a search for a life event offers its topic ("Alles zum Thema …").
// On the Thüringen demo index, in headless Chromium.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { axeViolations, formatViolations, useServer, withPage } from './support.mjs';

const MISSPELT = 'ummldng';
const FALLBACK_115 = /Die Behördennummer 115 beantwortet Ihre Fragen/;

function page(attributes = '') {
    return `<!doctype html>
<html lang="de">
<head><meta charset="utf-8"><title>Keine Sackgasse</title>
<script type="module" src="/dist/zufi.js"></script></head>
<body><main><h1>Keine Sackgasse</h1>
<zufi-finder index="/thueringen.zufi" ars="160705009001" ${attributes}></zufi-finder>
</main></body>
</html>`;
}

const server = useServer();

function withHostPage(html, body) {
    const path = '/no-result.html';
    return withPage(server, { path, pages: { [path]: html }, finder: true }, body);
}

function finder(page) {
    return page.locator('zufi-finder');
}

async function searchFor(page, box, query) {
    await box.fill(query);
    await finder(page).getByRole('status').filter({ hasText: /Leistung/ }).first().waitFor();
}

test('nothing found: Meinten Sie, the closest topics and the Behördennummer 115', async () => {
    await withHostPage(page(), async ({ page, box }) => {
        await searchFor(page, box, MISSPELT);
        const zufi = finder(page);
        await zufi.getByText('Keine Leistung gefunden').first().waitFor();
        await zufi.getByText('Meinten Sie …?').waitFor();
        await zufi.getByRole('button', { name: 'ummeldung' }).waitFor();
        await zufi.getByText('Vielleicht hilft Ihnen eines dieser Themen weiter:').waitFor();
        const topic = zufi.getByRole('button', { name: 'Umzug und Wohnen', exact: true });
        await topic.waitFor();
        await zufi.getByText(FALLBACK_115).waitFor();
        assert.equal(await zufi.getByRole('link', { name: '115', exact: true }).getAttribute('href'), 'tel:115');

        const violations = await axeViolations(page);
        assert.equal(violations.length, 0, `axe, nothing found:\n${formatViolations(violations)}`);

        // The topic opens the topic's list, with the services filed under it.
        await topic.click();
        await zufi.getByRole('heading', { level: 3, name: 'Umzug und Wohnen' }).waitFor();
        await zufi.getByRole('button', { name: 'Wohnsitz ummelden (Umzug innerhalb der Gemeinde)' }).waitFor();
        await zufi.getByRole('button', { name: 'Wohngeld beantragen' }).waitFor();

        // "Meinten Sie" searches for the alternative, which finds the service.
        await zufi.getByRole('button', { name: 'ummeldung' }).click();
        await zufi.getByRole('option', { name: /Wohnsitz ummelden/ }).first().waitFor();
    });
});

test("nothing found: the host's contact takes the place of the 115", async () => {
    const contact = 'contact-text="Bürgerbüro Musterstadt" contact-phone="0361 655-0"';
    await withHostPage(page(contact), async ({ page, box }) => {
        await searchFor(page, box, MISSPELT);
        const zufi = finder(page);
        await zufi.getByText('Bürgerbüro Musterstadt').waitFor();
        assert.equal(
            await zufi.getByRole('link', { name: '0361 655-0' }).getAttribute('href'),
            'tel:03616550',
        );
        assert.equal(await zufi.getByText(FALLBACK_115).count(), 0);
    });
});

test('nothing found: fallback-115="false" leaves the number out, the topics stay', async () => {
    await withHostPage(page('fallback-115="false"'), async ({ page, box }) => {
        await searchFor(page, box, MISSPELT);
        const zufi = finder(page);
        await zufi.getByRole('button', { name: 'Umzug und Wohnen', exact: true }).waitFor();
        assert.equal(await zufi.getByText(FALLBACK_115).count(), 0);
        assert.equal(await zufi.getByRole('link', { name: '115', exact: true }).count(), 0);
    });
});

test('a life event offers its topic: "umzug" → Alles zum Thema Umzug und Wohnen', async () => {
    await withHostPage(page(), async ({ page, box }) => {
        await searchFor(page, box, 'umzug');
        const zufi = finder(page);
        const offer = zufi.getByRole('button', { name: 'Alles zum Thema Umzug und Wohnen' });
        await offer.waitFor();
        // A search that finds something sends no one to the 115.
        assert.equal(await zufi.getByText(FALLBACK_115).count(), 0);
        await offer.click();
        await zufi.getByRole('heading', { level: 3, name: 'Umzug und Wohnen' }).waitFor();
        await zufi.getByRole('button', { name: 'Wohnsitz abmelden' }).waitFor();
        const violations = await axeViolations(page);
        assert.equal(violations.length, 0, `axe, topic offered:\n${formatViolations(violations)}`);
    });
});

test('results that cover little of a long question come with the ways on', async () => {
    await withHostPage(page(), async ({ page, box }) => {
        await searchFor(page, box, 'darf ich die große fichte in meinem garten einfach umhauen');
        const zufi = finder(page);
        await zufi.getByText('Nicht das Richtige dabei?').waitFor();
        await zufi.getByText(FALLBACK_115).waitFor();
        assert.ok((await zufi.getByRole('option').count()) > 0, 'the results stay listed');
        // A precise query gets no such help.
        await searchFor(page, box, 'hundesteuer');
        await zufi.getByRole('option', { name: 'Hund zur Hundesteuer anmelden' }).first().waitFor();
        assert.equal(await zufi.getByText('Nicht das Richtige dabei?').count(), 0);
        assert.equal(await zufi.getByText(FALLBACK_115).count(), 0);
    });
});
