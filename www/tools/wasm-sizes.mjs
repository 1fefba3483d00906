// What a wasm file's code consists of (a size breakdown, not a test): the bytes of each function
// body by the crate that defines it, and the largest functions. It reads the function names that
// build-widget keeps in build/zufi_*_bg.names.wasm (before wasm-opt, which shrinks all parts
// alike); where twiggy is installed, `twiggy top` says more.
//
//   node www/tools/wasm-sizes.mjs build/zufi_headless_bg.names.wasm [FILTER] [N]
//
// FILTER lists only the functions whose name contains it (with their total), N how many (25).
// Generic functions count under the crate that defines them (`core`, `alloc`), whatever type
// they were instantiated for.
import { readFileSync } from 'node:fs';

const [file, filter = '', shown = '25'] = process.argv.slice(2);
if (file === undefined) {
    console.error('usage: node www/tools/wasm-sizes.mjs FILE.wasm [FILTER] [N]');
    process.exit(2);
}
const bytes = readFileSync(file);
let at = 8; // after the magic number and the version

function unsigned() {
    let value = 0;
    let shift = 0;
    let byte;
    do {
        byte = bytes[at++];
        value += (byte & 0x7f) * 2 ** shift;
        shift += 7;
    } while (byte & 0x80);
    return value;
}

function limits() {
    const flags = bytes[at++];
    unsigned();
    if (flags & 1) unsigned();
}

let importedFunctions = 0;
const bodySizes = [];
const names = new Map();
let dataBytes = 0;
while (at < bytes.length) {
    const id = bytes[at++];
    const length = unsigned();
    const end = at + length;
    if (id === 2) {
        // Imports: only their count of functions matters, which numbers the functions first.
        for (let count = unsigned(); count > 0; count -= 1) {
            // (`at += unsigned()` would add to the position before the length was read.)
            const moduleLength = unsigned();
            at += moduleLength;
            const nameLength = unsigned();
            at += nameLength;
            const kind = bytes[at++];
            if (kind === 0) {
                unsigned();
                importedFunctions += 1;
            } else if (kind === 1) {
                at += 1; // element type
                limits();
            } else if (kind === 2) {
                limits();
            } else if (kind === 3) {
                at += 2; // value type, mutability
            } else if (kind === 4) {
                at += 1;
                unsigned(); // tag
            }
        }
    } else if (id === 10) {
        for (let count = unsigned(); count > 0; count -= 1) {
            const size = unsigned();
            bodySizes.push(size);
            at += size;
        }
    } else if (id === 11) {
        dataBytes += length;
    } else if (id === 0) {
        const nameLength = unsigned();
        const section = bytes.subarray(at, at + nameLength).toString();
        at += nameLength;
        while (section === 'name' && at < end) {
            const subsection = bytes[at++];
            const subsectionLength = unsigned();
            const subsectionEnd = at + subsectionLength;
            if (subsection === 1) {
                for (let count = unsigned(); count > 0; count -= 1) {
                    const index = unsigned();
                    const length = unsigned();
                    names.set(index, bytes.subarray(at, at + length).toString());
                    at += length;
                }
            }
            at = subsectionEnd;
        }
    }
    at = end;
}
if (names.size === 0) {
    console.error(`${file} has no function names: use the build/zufi_*_bg.names.wasm that build-widget keeps`);
    process.exit(1);
}

const functions = bodySizes.map((size, i) => ({ size, name: names.get(importedFunctions + i) ?? `#${i}` }));
const sum = (list) => list.reduce((total, f) => total + f.size, 0);

// `zufi::…`, `<zufi::X as core::Y>::…`, `core[hash]::…`, `alloc::vec::…`: the first path segment.
function crateOf(name) {
    const match = name.match(/^<?(?:&(?:mut )?)?([A-Za-z_][A-Za-z0-9_]*)(?:\[[0-9a-f]+\])?::/);
    return match ? match[1] : '(other)';
}

console.log(`${file}: ${functions.length} functions, ${sum(functions)} bytes of code, ${dataBytes} bytes of data\n`);
const byCrate = new Map();
for (const f of functions) byCrate.set(crateOf(f.name), (byCrate.get(crateOf(f.name)) ?? 0) + f.size);
console.log('| crate | code bytes |\n|---|---:|');
for (const [crate, size] of [...byCrate].sort((a, b) => b[1] - a[1]).slice(0, 20)) {
    console.log(`| ${crate} | ${size} |`);
}
const listed = functions.filter((f) => f.name.includes(filter));
console.log(`\n${filter ? `functions containing "${filter}": ${listed.length}, ${sum(listed)} bytes; ` : ''}largest:\n`);
console.log('| bytes | function |\n|---:|---|');
for (const f of listed.sort((a, b) => b.size - a.size).slice(0, Number(shown))) {
    const name = f.name.replace(/::h[0-9a-f]{16}$/, '').replace(/\[[0-9a-f]{16}\]/g, '');
    console.log(`| ${f.size} | \`${name.slice(0, 150).replaceAll('|', '\\|')}\` |`);
}
