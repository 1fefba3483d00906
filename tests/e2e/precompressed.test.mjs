// The precompressed files that scripts/build-widget writes (www/tools/precompress.mjs): next to
// every file of build/www/dist/ and the demo indexes a FILE.gz and a FILE.br that decompress to
// it, written deterministically (a gzip header without name or time, and compressing again gives
// the same bytes), so that a rebuild of the same input changes no file a server caches. And none
// of the published files (nor the kiosk page's wasm) names a path of the machine that built it.
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';

import { brotli, gzip } from '../../www/tools/precompress.mjs';
import { assertSiteBuilt, REPO_ROOT, SITE_ROOT } from './support.mjs';

let files;

before(async () => {
    await assertSiteBuilt();
    const dist = (await readdir(join(SITE_ROOT, 'dist')))
        .filter((name) => !name.endsWith('.gz') && !name.endsWith('.br'))
        .map((name) => join('dist', name));
    files = [...dist, 'thueringen.zufi', 'berlin.zufi'];
});

test('every file of dist/ and each demo index has a .gz and a .br that decompress to it', async () => {
    assert.ok(files.some((file) => file.endsWith('zufi_headless_bg.wasm')), files.join(' '));
    for (const file of files) {
        const bytes = await readFile(join(SITE_ROOT, file));
        const gz = await readFile(join(SITE_ROOT, `${file}.gz`));
        const br = await readFile(join(SITE_ROOT, `${file}.br`));
        assert.ok(gunzipSync(gz).equals(bytes), `${file}.gz`);
        assert.ok(brotliDecompressSync(br).equals(bytes), `${file}.br`);
        assert.ok(br.length < bytes.length && gz.length < bytes.length, `${file}: compressed is smaller`);
        // The gzip header: no FNAME, FCOMMENT or FEXTRA flag, mtime 0 (RFC 1952, 2.3).
        assert.equal(gz[3], 0, `${file}.gz: header flags`);
        assert.equal(gz.readUInt32LE(4), 0, `${file}.gz: header mtime`);
    }
});

test('compressing again gives the same bytes', async () => {
    for (const file of files) {
        const bytes = await readFile(join(SITE_ROOT, file));
        assert.ok(gzip(bytes).equals(await readFile(join(SITE_ROOT, `${file}.gz`))), `${file}.gz`);
        assert.ok(brotli(bytes).equals(await readFile(join(SITE_ROOT, `${file}.br`))), `${file}.br`);
    }
});

test('no published file names a path of the machine that built it', async () => {
    // Panic locations compiled into the wasm name source files (scripts/lib.sh, wasm_rustflags).
    const machinePaths = [REPO_ROOT, homedir(), '/.cargo/registry/'];
    for (const file of files) {
        const text = (await readFile(join(SITE_ROOT, file))).toString('latin1');
        for (const path of machinePaths) {
            assert.ok(!text.includes(path), `${file} names ${path}`);
        }
    }
    const kiosk = join(REPO_ROOT, 'build', 'kiosk', 'index.html');
    const page = await readFile(kiosk, 'latin1').catch(() => null);
    if (page !== null) {
        // The kiosk page carries its wasm as base64: decode it to look inside.
        const wasm = Buffer.from(/id="zufi-kiosk-wasm">([^<]*)</.exec(page)[1], 'base64').toString('latin1');
        for (const path of machinePaths) assert.ok(!wasm.includes(path), `the kiosk's wasm names ${path}`);
    }
});
