// Schema<T>: how tests/e2e/api-schema.mjs writes down a result type of www/zufi.d.ts, so that the
// end-to-end test can hold real results against it. tsc (scripts/test `types`) checks each schema
// against the declared type: a field missing from it, or one zufi.d.ts does not declare, fails.
//
//   string                 'string'         a string literal union   { oneOf: [...its values] }
//   string | null          'string|null'    number / boolean         'number' / 'boolean'
//   E[] (and tuples)       [Schema<E>]      an interface             { each field: its Schema }
//
// Anything else, including optional fields and index signatures, maps to `never`: results carry
// every field (`null` when empty), and a schema cannot describe "any other field".
export type Schema<T> = [T] extends [string]
    ? string extends T
        ? 'string'
        : { readonly oneOf: readonly T[] }
    : [T] extends [string | null]
      ? 'string|null'
      : [T] extends [number]
        ? 'number'
        : [T] extends [boolean]
          ? 'boolean'
          : [T] extends [readonly (infer E)[]]
            ? readonly [Schema<E>]
            : [T] extends [object]
              ? string extends keyof T
                  ? never
                  : { readonly [K in keyof T]-?: undefined extends T[K] ? never : Schema<T[K]> }
              : never;

/** The value exports of a module: a class as 'class', a function by its number of parameters. */
export type ExportsSchema<M> = {
    readonly [K in keyof M]-?: M[K] extends (...args: infer P) => unknown
        ? Required<P>['length']
        : M[K] extends { prototype: object }
          ? 'class'
          : never;
};
