// The hand-written www/zufi.d.ts against what wasm-bindgen generated for the built widget
// (build/www/dist/zufi_widget.d.ts, from www/widget/src/lib.rs): the loader www/zufi.js re-exports
// the generated ZufiIndex as is and wraps mount and loadIndex, so a method or export renamed,
// removed, added or given other parameters on one side only fails here. tsc --strict runs it
// after scripts/build-widget (scripts/test `types`). Where the generated types say `any` (the
// JSON results), tests/e2e/headless-api.test.mjs checks the declared shapes against real results.
import init, {
    initSync,
    loadIndex as wasmLoadIndex,
    mount as wasmMount,
    WidgetHandle,
    ZufiIndex as Generated,
} from '../../build/www/dist/zufi_widget.js';
import type { MountHandle, MountOptions, ZufiIndex as Declared } from '../../www/zufi.js';

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

// `[Symbol.dispose]` is left out of zufi.d.ts so that it does not need the esnext lib.
type Methods<C> = Names<Omit<C, typeof Symbol.dispose>>;
type Statics<C> = Names<Omit<C, 'prototype'>>;

// The same methods and static functions on both sides (each direction names what is missing)...
export const declaredMethods: Methods<Declared> = {} as Methods<Generated>;
export const generatedMethods: Methods<Generated> = {} as Methods<Declared>;
export const declaredStatics: Statics<typeof Declared> = {} as Statics<typeof Generated>;
export const generatedStatics: Statics<typeof Generated> = {} as Statics<typeof Declared>;
// ...taking the same parameters.
export const methods: AllTrue<Declared> = {} as Compatible<Generated, Declared>;
export const statics: AllTrue<Omit<typeof Declared, 'prototype'>> = {} as Compatible<
    typeof Generated,
    Omit<typeof Declared, 'prototype'>
>;

// What the loader www/zufi.js does with the other exports: init() or initSync() with the wasm,
// wasmMount(a <div> in its shadow root, the options) whose handle it destroys, and
// wasmLoadIndex(String(url)) for loadIndex(url).
export async function loaderCalls(container: HTMLDivElement, options: MountOptions): Promise<Declared> {
    await init({ module_or_path: new URL('./zufi_widget_bg.wasm', import.meta.url) });
    initSync({ module: new Uint8Array() });
    const inner: WidgetHandle = wasmMount(container, options);
    const destroy: MountHandle['destroy'] = () => inner.destroy();
    destroy();
    return wasmLoadIndex(String(new URL('x.zufi', import.meta.url)));
}
