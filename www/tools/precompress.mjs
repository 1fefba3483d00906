// Writes FILE.gz and FILE.br next to each FILE given, for web servers that serve precompressed
// files (nginx gzip_static/brotli_static, Apache with MultiViews or rewrite rules; see
// www/README.md). scripts/build-widget runs it over build/www/dist/ and the demo indexes.
//
//   node www/tools/precompress.mjs FILE...
//
// Deterministic: the same input gives the same bytes. gzip at level 9 with a header that holds
// neither a file name nor a time (Node's zlib writes neither); brotli at quality 11 (the highest)
// with the default window. A FILE whose .gz and .br are both newer is left alone. FILE.gz and
// FILE.br given as arguments are skipped, so `precompress.mjs dir/*` can run twice.
import { readFile, rename, stat, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/** gzip -9 of `bytes`, with no name and mtime 0 in the header. */
export function gzip(bytes) {
    return gzipSync(bytes, { level: 9 });
}

/** brotli of `bytes` at quality 11. */
export function brotli(bytes) {
    return brotliCompressSync(bytes, {
        params: {
            [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
            [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
        },
    });
}

const COMPRESSORS = [
    ['.gz', gzip],
    ['.br', brotli],
];

async function mtime(path) {
    try {
        return (await stat(path)).mtimeMs;
    } catch {
        return null;
    }
}

async function upToDate(file) {
    const source = await mtime(file);
    for (const [suffix] of COMPRESSORS) {
        const compressed = await mtime(file + suffix);
        if (compressed === null || compressed <= source) return false;
    }
    return true;
}

/** Writes FILE.gz and FILE.br for `file` (each through a temporary file and a rename). */
export async function precompress(file) {
    const bytes = await readFile(file);
    for (const [suffix, compress] of COMPRESSORS) {
        const temporary = `${file}${suffix}.tmp`;
        await writeFile(temporary, compress(bytes));
        await rename(temporary, file + suffix);
    }
}

async function main(files) {
    if (files.length === 0) {
        console.error('usage: node www/tools/precompress.mjs FILE...');
        process.exit(2);
    }
    for (const file of files) {
        if (COMPRESSORS.some(([suffix]) => file.endsWith(suffix))) continue;
        if (!(await stat(file)).isFile()) continue;
        if (await upToDate(file)) continue;
        await precompress(file);
    }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
    await main(process.argv.slice(2));
}
