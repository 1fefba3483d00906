// The documented uses of the JavaScript API, type-checked against the hand-written
// www/zufi.d.ts and www/zufi-headless.d.ts (tsc --strict, scripts/test `types`). Each block follows
// README.md or www/README.md; keep them in step. Nothing here runs.
import * as zufi from '../../www/zufi.js';
import { mount, type MountHandle, type MountOptions } from '../../www/zufi.js';
import * as zufiHeadless from '../../www/zufi-headless.js';
import {
    loadIndex,
    openIndex,
    ready,
    ZufiIndex,
    type SearchHit,
    type ServiceRecord,
} from '../../www/zufi-headless.js';

// zufi.js exports the headless API of zufi-headless.js, with the same types...
export const widgetLoaderIsHeadlessToo: typeof zufiHeadless = zufi;
// ...and the headless loader exactly these (a name missing or added, like mount, fails).
export const headlessNames: { [K in keyof typeof zufiHeadless]: true } = {
    ready: true,
    loadIndex: true,
    openIndex: true,
    ZufiIndex: true,
};

// Node's readFile, declared here so that the check needs no @types/node.
declare function readFile(path: string): Promise<Uint8Array>;

// www/README.md, "From script".
export async function fromScript(): Promise<void> {
    const handle = mount(document.getElementById('finder')!, {
        index: '/zufi/thueringen.zufi',
        plz: '99310',
        lang: 'en',
    });
    await handle.ready; // resolves when the finder runs (rejects if it cannot start)
    handle.destroy();
}

// www/README.md, "Options": every option of the table, as mount() takes them.
export function everyOption(element: Element, bytes: Uint8Array): MountHandle {
    const options: MountOptions = {
        index: '/zufi/thueringen.zufi',
        indexBytes: bytes,
        ars: '160705009001',
        plz: '99310',
        lang: 'de',
        maxResults: 10,
        theme: 'auto',
        rememberPlace: false,
        hashRouting: true,
        kiosk: false,
        kioskIdle: 60,
        kioskCountdown: 10,
        catalogDate: '2026-11-28',
        loadTimeout: 20,
        contact: {
            text: 'Bürgerbüro Musterstadt',
            phone: '0361 655-0',
            email: 'buergerbuero@musterstadt.de',
            url: 'https://www.musterstadt.de/kontakt',
        },
    };
    return mount(element, options);
}

// www/demo/script-api.html: options gathered from the page address.
export function scriptApiDemo(): void {
    const params = new URLSearchParams(location.search);
    const options: MountOptions = {
        index: params.get('index') ?? 'thueringen.zufi',
        lang: params.get('lang') === 'de' ? 'de' : 'en',
    };
    if (!params.has('ars') && !params.has('plz')) options.plz = '99310';
    if (params.has('maxResults')) options.maxResults = Number(params.get('maxResults'));
    if (params.has('rememberPlace')) options.rememberPlace = params.get('rememberPlace') !== '0';
    const handle = mount(document.getElementById('finder')!, options);
    document.getElementById('remove')!.addEventListener('click', () => handle.destroy());
}

// README.md and www/README.md: the <zufi-finder> element.
export async function customElement(): Promise<void> {
    const finder = document.querySelector('zufi-finder');
    if (finder !== null) {
        finder.setAttribute('index', '/zufi/thueringen.zufi');
        await finder.handle?.ready;
    }
    const created: HTMLElement = document.createElement('zufi-finder');
    created.setAttribute('remember-place', '');
}

// www/README.md, "Headless API" (with zufi-headless.js; zufi.js exports the same).
export async function headless(): Promise<void> {
    const index = await loadIndex('/zufi/thueringen.zufi');
    const places = index.locate('99310'); // [{ars, name, level, plz: [...]}, ...]
    index.locate('Erfurt');
    const hits: SearchHit[] = index.search('hundesteuer', { ars: '160705009001', limit: 5 });
    for (const hit of hits) {
        const [start, end] = hit.highlights[0] ?? [0, 0];
        const marked = hit.name.slice(start, end);
        const offices = hit.responsible.map((office) => `${office.name}, ${office.address ?? ''}`);
        const links = [...hit.onlineServices, ...hit.forms].map((link) => link.url);
        console.log(marked, hit.teaser?.length, offices, links, places[0]?.level);
    }
    const record: ServiceRecord | null = index.service('th-hundesteuer', { ars: '160705009001' });
    console.log(record?.requiredDocuments, record?.topics.map((topic) => topic.name));
    index.service('th-hundesteuer', { plz: '99084' });
    index.services().map((service) => service.name); // A–Z: [{id, name}, ...]
    index.topics().filter((topic) => topic.parent === null);
    const info = index.info(); // {version, catalog, demo, attribution, counts}
    console.log(info.version, info.catalog, info.demo, info.attribution, info.counts.services);
    await loadIndex(new URL('/zufi/berlin.zufi', location.href));
    index.free();
}

// www/README.md: openIndex and, after ready(), ZufiIndex.fromBytes.
export async function fromBytes(bytes: Uint8Array, buffer: ArrayBuffer): Promise<ZufiIndex> {
    await openIndex(buffer);
    await ready();
    return ZufiIndex.fromBytes(bytes);
}

// www/README.md, "In Node" (and www/examples/node-search.mjs), with zufi-headless.js.
export async function inNode(): Promise<void> {
    const index = await openIndex(await readFile('thueringen.zufi'));
    const [place] = index.locate('99084');
    for (const hit of index.search('personalausweis', { ars: place.ars, limit: 3 })) {
        console.log(hit.name, '→', hit.responsible.map((office) => office.name).join(', '));
        console.log(hit.score.toFixed(2));
    }
}

// www/README.md, "In a worker": a module worker's scope, as far as the example uses it (the
// check runs with the dom lib, not the webworker lib).
interface WorkerScope {
    onmessage: ((event: MessageEvent<string>) => void) | null;
    postMessage(message: SearchHit[]): void;
}
export function inWorker(self: WorkerScope): void {
    const opened = loadIndex('/zufi/thueringen.zufi');
    self.onmessage = async (event) => {
        const index = await opened;
        self.postMessage(index.search(event.data, { plz: '99084', limit: 5 }));
    };
}

// The widget loader's headless API, as before the headless loader existed.
export async function widgetLoaderHeadless(): Promise<SearchHit[]> {
    const index = await zufi.loadIndex('/zufi/thueringen.zufi');
    return index.search('hundesteuer', { ars: '160705009001' });
}

// www/README.md, "A large catalog: the sharded index".
export async function shardedIndex(): Promise<ServiceRecord | null> {
    const index = await loadIndex('/zufi/thueringen/manifest.json');
    await index.ensure({ query: 'hundesteuer', ars: '160705009001' });
    const [hit] = index.search('hundesteuer', { ars: '160705009001' });
    await index.ensure({ service: hit.id, ars: '160705009001' });
    return index.service(hit.id, { ars: '160705009001' });
}
