// Assembles the kiosk page: www/kiosk/index.html with the finder's classic-script glue, its wasm,
// an index, zufi.css and www/kiosk/kiosk.js inlined, so that the page runs from file:// and
// fetches nothing. scripts/build-kiosk builds the parts and calls this; run it through that.
//
// usage: node www/tools/build-kiosk.mjs --glue FILE --wasm FILE --index FILE --css FILE
//            --options JSON [--glossary FILE] --out FILE
//
// --glossary: a glossary `zufi glossary` wrote, for a terminal not in German; it goes into the
// options as `glossaryText`, since the page fetches nothing.
//
// The output depends on its inputs only (no dates, paths or random ids), so the same inputs give
// the same bytes.
import { createHash } from 'node:crypto';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const KIOSK_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'kiosk');

const TITLES = {
    de: 'Bürgerservice: Was möchten Sie erledigen?',
    en: 'Citizen services: What do you need to do?',
};

const { values: args } = parseArgs({
    options: {
        glue: { type: 'string' },
        wasm: { type: 'string' },
        index: { type: 'string' },
        css: { type: 'string' },
        options: { type: 'string' },
        glossary: { type: 'string' },
        out: { type: 'string' },
    },
});
for (const name of ['glue', 'wasm', 'index', 'css', 'options', 'out']) {
    if (args[name] === undefined) throw new Error(`build-kiosk.mjs: --${name} is required`);
}

// Text that ends the element it is inlined into would cut the page short; none of the inputs
// has it today, and if one ever does, the build stops instead of writing a broken page.
function inline(text, what, closing) {
    if (text.toLowerCase().includes(closing)) {
        throw new Error(`build-kiosk.mjs: ${what} contains "${closing}" and cannot be inlined`);
    }
    return text;
}

// The CSP allows exactly the page's own inline scripts, by hash.
function scriptHash(text) {
    return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

const options = JSON.parse(args.options);
if (args.glossary !== undefined) options.glossaryText = await readFile(args.glossary, 'utf8');
const lang = options.lang === 'en' ? 'en' : 'de';
const glue = inline(await readFile(args.glue, 'utf8'), 'the glue', '</script');
const loader = inline(await readFile(join(KIOSK_DIR, 'kiosk.js'), 'utf8'), 'kiosk.js', '</script');
const css = inline(await readFile(args.css, 'utf8'), 'the stylesheet', '</style');
const parts = {
    LANG: lang,
    TITLE: TITLES[lang],
    SCRIPT_HASHES: [scriptHash(glue), scriptHash(loader)].join(' '),
    CSS: css,
    // `<` escaped, so that no value can close the script element.
    OPTIONS: JSON.stringify(options).replaceAll('<', '\\u003c'),
    WASM: (await readFile(args.wasm)).toString('base64'),
    INDEX: (await readFile(args.index)).toString('base64'),
    GLUE: glue,
    LOADER: loader,
};

const template = await readFile(join(KIOSK_DIR, 'index.html'), 'utf8');
// One pass over the template: an inlined part that happens to contain "{{NAME}}" stays as it is.
const page = template.replace(/\{\{([A-Z_]+)\}\}/g, (placeholder, name) => {
    if (!(name in parts)) throw new Error(`build-kiosk.mjs: unknown placeholder ${placeholder}`);
    return parts[name];
});

const partial = `${args.out}.partial`;
await writeFile(partial, page);
await rename(partial, args.out);
