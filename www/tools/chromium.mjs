// How zufi's tests and tools start Debian's Chromium through playwright-core:
// headless, and without the background connections this machine's closed
// network refuses. One list for the end-to-end tests, measure-web,
// measure-scale and the peer benchmark.
export const CHROMIUM = process.env.ZUFI_CHROMIUM ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
];
