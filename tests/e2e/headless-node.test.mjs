// The headless API in Node, through the documented example (www/examples/node-search.mjs),
// against the indexes and loaders that scripts/build-widget put into build/www: the example runs
// on zufi-headless.js (its default) and on zufi.js (ZUFI_LOADER), which must print the same.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';

const run = promisify(execFile);
const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const example = `${repoRoot}www/examples/node-search.mjs`;
const LOADERS = ['zufi-headless.js', 'zufi.js'];

/** The example's output on each loader; fails unless they are the same. */
async function runExample(args, env = {}) {
    const outputs = [];
    for (const loader of LOADERS) {
        const { stdout } = await run(process.execPath, [example, ...args], {
            cwd: repoRoot,
            env: { ...process.env, ...env, ZUFI_LOADER: loader },
        });
        outputs.push(stdout);
    }
    assert.equal(outputs[1], outputs[0], `${LOADERS[1]} prints what ${LOADERS[0]} prints`);
    return outputs[0];
}

test('node example: places for a postcode, the responsible office, the full record', async () => {
    const stdout = await runExample(['hundestuer', '99310']);
    const places = stdout.split('\n').filter((line) => /^\s+\d{12}\s/.test(line));
    assert.equal(places.length, 6, `99310 spans six municipalities:\n${stdout}`);
    assert.match(stdout, /Hund zur Hundesteuer anmelden\s+\[th-hundesteuer\]/);
    assert.match(stdout, /→ Stadtverwaltung Arnstadt/);
    assert.match(stdout, /"requiredDocuments": "Angaben zum Hund/);
});

test('node example: the Berlin index through ZUFI_INDEX', async () => {
    const stdout = await runExample(['personalausweis beantragen', '10115'], {
        ZUFI_INDEX: `${repoRoot}build/www/berlin.zufi`,
    });
    assert.match(stdout, /Personalausweis beantragen\s+\[120703\]/);
    assert.match(stdout, /→ Bürgeramt/);
});
