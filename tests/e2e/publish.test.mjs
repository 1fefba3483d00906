// A publication (`zufi publish`, what scripts/build writes) served statically: the embed snippet
// works in Chromium; a second publication is picked up on reload while a page opened before keeps
// its own version (its later shard requests reach the previous publication's files, which stay);
// an index of a newer format is refused with the finder's message instead of being misread.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { assertSiteBuilt, launchBrowser, openPage, REPO_ROOT, SITE_ROOT, startServer, waitForFinder } from './support.mjs';

const NAME = 'Hund zur Hundesteuer anmelden';
const RENAMED = 'Hund zur Hundesteuer anmelden (neu)';

let work;
let server;

function publish(catalog, out) {
    const result = spawnSync(
        'cargo',
        ['run', '--locked', '--release', '--quiet', '--bin', 'zufi', '--', 'publish', '-q', '--shards', catalog, '--widget', join(SITE_ROOT, 'dist'), '--out', out],
        { cwd: REPO_ROOT, encoding: 'utf8' },
    );
    assert.equal(result.status, 0, result.stderr);
}

before(async () => {
    await assertSiteBuilt();
    work = await mkdtemp(join(tmpdir(), 'zufi-publish-'));
    await cp(join(REPO_ROOT, 'index', 'thueringen'), join(work, 'thueringen'), { recursive: true });
    await mkdir(join(work, 'site'));
    publish(join(work, 'thueringen'), join(work, 'site', 'zufi'));
    // The host page: the snippet as published, with the municipality's place set.
    const snippet = (await readFile(join(work, 'site', 'zufi', 'embed.html'), 'utf8')).replace(
        '<zufi-finder index="/zufi/thueringen/manifest.json">',
        '<zufi-finder index="/zufi/thueringen/manifest.json" ars="160705009001">',
    );
    await writeFile(
        join(work, 'site', 'index.html'),
        `<!doctype html><html lang="de"><head><meta charset="utf-8"><title>Gemeinde</title><link rel="icon" href="data:,"></head><body><main><h1>Bürgerservice</h1>${snippet}</main></body></html>`,
    );
    server = await startServer(join(work, 'site'));
});

after(async () => {
    await server?.close();
    if (work) await rm(work, { recursive: true, force: true });
});

async function findAndOpen(page, name) {
    const box = await waitForFinder(page);
    await box.fill('hundesteuer');
    await page.getByRole('option', { name }).first().click();
    await page.getByRole('heading', { level: 2, name }).waitFor();
    await page.getByRole('article').getByText('Verwaltungsgemeinschaft Riechheimer Berg').first().waitFor();
}

test('the published snippet works, a new publication arrives on reload, an open page keeps its own', async () => {
    const browser = await launchBrowser();
    try {
        const old = await openPage(browser.context);
        await old.page.goto(`${server.origin}/index.html`);
        await findAndOpen(old.page, NAME);

        // The editorial office renames the service and publishes again.
        const services = join(work, 'thueringen', 'services.json');
        await writeFile(services, (await readFile(services, 'utf8')).replace(`"name": "${NAME}"`, `"name": "${RENAMED}"`));
        publish(join(work, 'thueringen'), join(work, 'site', 'zufi'));

        // A page loaded now gets the new publication.
        const fresh = await openPage(browser.context);
        await fresh.page.goto(`${server.origin}/index.html`);
        await findAndOpen(fresh.page, RENAMED);
        assert.deepEqual(fresh.consoleErrors, []);

        // The page opened before keeps its version, also for what it fetches only now.
        await old.page.getByRole('button', { name: 'Zurück zur Suche' }).click();
        const box = await waitForFinder(old.page);
        await box.fill('personalausweis');
        await old.page.getByRole('option').first().click();
        await old.page.getByRole('article').waitFor();
        await box.fill('hundesteuer');
        await old.page.getByRole('option', { name: NAME, exact: true }).first().waitFor();
        assert.deepEqual(old.consoleErrors, [], 'no request of the old page failed');
    } finally {
        await browser.close();
    }
});

test('an index of a newer format is refused with a message, not misread', async () => {
    const manifestPath = join(work, 'site', 'zufi', 'thueringen', 'manifest.json');
    const original = await readFile(manifestPath, 'utf8');
    const manifest = JSON.parse(original);
    await writeFile(manifestPath, JSON.stringify({ ...manifest, version: manifest.version + 1 }));
    const browser = await launchBrowser();
    try {
        const { page } = await openPage(browser.context);
        await page.goto(`${server.origin}/index.html`);
        await page.locator('zufi-finder').getByText('Die Datei hat eine neuere Version.').waitFor();
    } finally {
        await browser.close();
        await writeFile(manifestPath, original);
    }
});
