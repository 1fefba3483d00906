// The hand-written declarations against what wasm-bindgen generated for the build: www/zufi.d.ts
// and www/zufi-headless.d.ts against build/www/dist/zufi_widget.d.ts (the finder's glue) and
// build/www/dist/zufi_headless.d.ts (the headless glue, the same crate without its feature `ui`),
// both from www/widget/src/. The loaders re-export the generated ZufiIndex as is and wrap mount
// and loadIndex (www/zufi-api.js, shared by both), so a method or export renamed, removed, added
// or given other parameters on one side only fails here. tsc --strict runs it after
// scripts/build-widget (scripts/test `types`). Where the generated types say `any` (the JSON
// results), tests/e2e/headless-api.test.mjs checks the declared shapes against real results.
import * as headlessGlue from '../../build/www/dist/zufi_headless.js';
import * as widgetGlue from '../../build/www/dist/zufi_widget.js';
import type { MountHandle, MountOptions } from '../../www/zufi.js';
import type { ZufiIndex as Declared } from '../../www/zufi-headless.js';

type Generated = widgetGlue.ZufiIndex;
type HeadlessGenerated = headlessGlue.ZufiIndex;

/**
 * For each member declared by hand: true when the generated one takes exactly the declared
 * parameters (count and types; what the declaration calls optional may be required `any` there)
 * and returns something the declaration allows; otherwise what is wrong, which tsc prints.
 */
type Compatible<Impl, Decl> = {
    [K in keyof Decl]: K extends keyof Impl
        ? Decl[K] extends (...args: infer DeclArgs) => infer DeclResult
            ? Impl[K] extends (...args: infer ImplArgs) => infer ImplResult
                ? [Required<DeclArgs>] extends [ImplArgs]
                    ? [ImplResult] extends [DeclResult]
                        ? true
                        : 'returns something else than declared'
                    : 'takes other parameters than declared'
                : 'is no method in the generated class'
            : true
        : 'is not generated';
};
type AllTrue<T> = { [K in keyof T]: true };
/** The names of a type's members, as an object type that tsc compares key by key. */
type Names<T> = { [K in keyof T]: true };

// `[Symbol.dispose]` is left out of the declarations so that they do not need the esnext lib.
type Methods<C> = Names<Omit<C, typeof Symbol.dispose>>;
type Statics<C> = Names<Omit<C, 'prototype'>>;

// The finder's glue. The same methods and static functions on both sides (each direction names
// what is missing)...
export const declaredMethods: Methods<Declared> = {} as Methods<Generated>;
export const generatedMethods: Methods<Generated> = {} as Methods<Declared>;
export const declaredStatics: Statics<typeof Declared> = {} as Statics<typeof widgetGlue.ZufiIndex>;
export const generatedStatics: Statics<typeof widgetGlue.ZufiIndex> = {} as Statics<typeof Declared>;
// ...taking the same parameters.
export const methods: AllTrue<Declared> = {} as Compatible<Generated, Declared>;
export const statics: AllTrue<Omit<typeof Declared, 'prototype'>> = {} as Compatible<
    typeof widgetGlue.ZufiIndex,
    Omit<typeof Declared, 'prototype'>
>;

// The headless glue: the same, against the same declarations...
export const headlessDeclaredMethods: Methods<Declared> = {} as Methods<HeadlessGenerated>;
export const headlessGeneratedMethods: Methods<HeadlessGenerated> = {} as Methods<Declared>;
export const headlessDeclaredStatics: Statics<typeof Declared> = {} as Statics<typeof headlessGlue.ZufiIndex>;
export const headlessGeneratedStatics: Statics<typeof headlessGlue.ZufiIndex> = {} as Statics<typeof Declared>;
export const headlessMethods: AllTrue<Declared> = {} as Compatible<HeadlessGenerated, Declared>;
export const headlessStatics: AllTrue<Omit<typeof Declared, 'prototype'>> = {} as Compatible<
    typeof headlessGlue.ZufiIndex,
    Omit<typeof Declared, 'prototype'>
>;
// ...and it exports nothing else: no mount, no WidgetHandle.
export const headlessGlueExports: Names<typeof headlessGlue> = {
    default: true,
    initSync: true,
    loadIndex: true,
    ZufiIndex: true,
};

// What www/zufi-api.js does with either glue: init() or initSync() with the wasm, loadIndex(String(url))
// for loadIndex(url), ZufiIndex.fromBytes(a Uint8Array) for openIndex(bytes).
export async function sharedLoaderCalls(): Promise<Declared[]> {
    const opened: Declared[] = [];
    for (const glue of [widgetGlue, headlessGlue]) {
        await glue.default({ module_or_path: new URL('./zufi_widget_bg.wasm', import.meta.url) });
        glue.initSync({ module: new Uint8Array() });
        opened.push(await glue.loadIndex(String(new URL('x.zufi', import.meta.url))));
        opened.push(glue.ZufiIndex.fromBytes(new Uint8Array()));
    }
    return opened;
}

// What the loader www/zufi.js does with the finder's glue besides: wasmMount(a <div> in its shadow
// root, the options), whose handle it destroys.
export function loaderCalls(container: HTMLDivElement, options: MountOptions): void {
    const inner: widgetGlue.WidgetHandle = widgetGlue.mount(container, options);
    const destroy: MountHandle['destroy'] = () => inner.destroy();
    destroy();
}
