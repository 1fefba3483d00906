// zufi headless loader: the search API without the finder, for sites with their own interface,
// for workers and for Node.
//
//   import { loadIndex } from '/zufi/zufi-headless.js';
//   const index = await loadIndex('/zufi/thueringen.zufi');
//   index.search('hundesteuer', { plz: '99084' });
//
// It exports exactly the headless part of zufi.js (`ready`, `loadIndex`, `openIndex`,
// `ZufiIndex`), with the same results, and loads a smaller wasm without the finder
// (zufi_headless_bg.wasm, found next to this file) and no stylesheet. Nothing else is requested.

import * as glue from './zufi_headless.js';
import { headlessApi } from './zufi-api.js';

export { ZufiIndex } from './zufi_headless.js';

export const { ready, loadIndex, openIndex } = headlessApi(
    glue,
    new URL('./zufi_headless_bg.wasm', import.meta.url),
);
