// The headless API in Node, through the documented example (www/examples/node-search.mjs),
// against the indexes and widget that scripts/build-widget put into build/www.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';

const run = promisify(execFile);
const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const example = `${repoRoot}www/examples/node-search.mjs`;

test('node example: places for a postcode, the responsible office, the full record', async () => {
    const { stdout } = await run(process.execPath, [example, 'hundestuer', '99310'], { cwd: repoRoot });
    const places = stdout.split('\n').filter((line) => /^\s+\d{12}\s/.test(line));
    assert.equal(places.length, 6, `99310 spans six municipalities:\n${stdout}`);
    assert.match(stdout, /Hund zur Hundesteuer anmelden\s+\[th-hundesteuer\]/);
    assert.match(stdout, /→ Stadtverwaltung Arnstadt/);
    assert.match(stdout, /"requiredDocuments": "Angaben zum Hund/);
});

test('node example: the Berlin index through ZUFI_INDEX', async () => {
    const { stdout } = await run(process.execPath, [example, 'personalausweis beantragen', '10115'], {
        cwd: repoRoot,
        env: { ...process.env, ZUFI_INDEX: `${repoRoot}build/www/berlin.zufi` },
    });
    assert.match(stdout, /Personalausweis beantragen\s+\[120703\]/);
    assert.match(stdout, /→ Bürgeramt/);
});
