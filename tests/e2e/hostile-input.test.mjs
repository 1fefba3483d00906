// Bounded work per input: however a long text reaches the search box (a paste, a value set by
// script past the box's maxlength, a #zufi:q= link), the finder cuts it to the characters the core
// searches (zufi::MAX_QUERY_CHARS, 200) before anything else works on it: the box, the search,
// the highlighting and the address hold no more. Timings and memory: www/tools/
// measure-hostile-input.mjs and docs/RELIABILITY.md.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { useServer, waitForFinder, withPage } from './support.mjs';

const MAX_QUERY_CHARS = 200;
const LONG = `hundesteuer ${'äöü😀 '.repeat(2_000)}`;

const server = useServer();

// Characters (code points) of the box's value and of the query in the address.
async function lengths(box) {
    return box.evaluate((input) => {
        const hash = decodeURIComponent(location.hash);
        const query = /[#&:]q=([^&]*)/.exec(hash)?.[1] ?? '';
        return { box: [...input.value].length, hash: [...query].length, start: input.value.slice(0, 11) };
    });
}

async function assertBounded(page, box, how) {
    await page.getByRole('option', { name: /^Hund zur Hundesteuer anmelden/ }).first().waitFor();
    const found = await lengths(box);
    assert.equal(found.start, 'hundesteuer', `${how}: the beginning is kept`);
    assert.ok(found.box <= MAX_QUERY_CHARS, `${how}: ${found.box} characters in the box`);
    assert.ok(found.hash <= MAX_QUERY_CHARS, `${how}: ${found.hash} characters in the address`);
}

test('a long text set by script past maxlength is cut before the finder works on it', async () => {
    await withPage(server, '/', async ({ page }) => {
        const box = await waitForFinder(page);
        await box.evaluate((input, text) => {
            input.value = text;
            input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, inputType: 'insertFromPaste' }));
        }, LONG);
        await assertBounded(page, box, 'set by script');
    });
});

test('a pasted long text is cut to maxlength by the box', async () => {
    await withPage(server, '/', async ({ page }) => {
        const box = await waitForFinder(page);
        await box.focus();
        await page.keyboard.insertText(LONG);
        await assertBounded(page, box, 'pasted');
    });
});

test('a #zufi:q= link with a long query is cut too', async () => {
    await withPage(server, `/#zufi:q=${encodeURIComponent(LONG)}`, async ({ page }) => {
        const box = await waitForFinder(page);
        // The link restores the query into the box (without opening the list).
        await box.evaluate((input) => new Promise((resolve) => {
            const check = () => (input.value !== '' ? resolve() : requestAnimationFrame(check));
            check();
        }));
        const found = await lengths(box);
        assert.equal(found.start, 'hundesteuer');
        assert.ok(found.box <= MAX_QUERY_CHARS, `${found.box} characters in the box`);
    });
});
