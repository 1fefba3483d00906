// The script API demo (script-api.html): mount() with options from the address. An external
// module, not an inline script, so that the page works under a strict Content-Security-Policy
// (script-src 'self' 'wasm-unsafe-eval'; see www/README.md).

import { mount } from './dist/zufi.js';

const params = new URLSearchParams(location.search);
const options = {
  index: params.get('index') ?? 'thueringen.zufi',
  lang: params.get('lang') ?? 'en',
};
for (const key of ['ars', 'plz', 'theme']) {
  if (params.has(key)) options[key] = params.get(key);
}
if (!params.has('ars') && !params.has('plz')) options.plz = '99310';
if (params.has('maxResults')) options.maxResults = Number(params.get('maxResults'));
if (params.has('rememberPlace')) options.rememberPlace = params.get('rememberPlace') !== '0';

const handle = mount(document.getElementById('finder'), options);
document.getElementById('remove').addEventListener('click', () => handle.destroy());
