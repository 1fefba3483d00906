// The finder inside a hostile host page: every inherited property a site could set on <html>,
// <body>, the finder's ancestors or the <zufi-finder> element itself, `text-indent: -9999px`
// (which hid the labels) and the common `html { font-size: 62.5% }` (which shrank the finder to
// 10px). Nothing of it may reach the finder's text; its theming custom properties still do.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { axeViolations, formatViolations, useServer, waitForFinder, withPage } from './support.mjs';

const ALKERSLEBEN = '160705009001';

// Everything inheritable a site might set, and a few things no sane site would, on the ancestors
// and (through `*`, which also matches the host element) on the host itself.
const HOSTILE_CSS = `
html { font-size: 62.5%; }
html, body, main, section, div, zufi-finder, * {
    white-space: pre !important;
    text-transform: uppercase !important;
    letter-spacing: 0.4em !important;
    word-spacing: 3em !important;
    text-indent: -9999px !important;
    direction: rtl !important;
    text-align: right !important;
    font-style: italic !important;
    font-variant: small-caps !important;
    font-weight: 100 !important;
    line-height: 0.6 !important;
    cursor: wait !important;
    text-shadow: 0 0 3px #f00 !important;
    word-break: break-all !important;
    hyphens: auto !important;
    font-kerning: none !important;
    text-rendering: geometricPrecision !important;
    -webkit-text-security: disc !important;
    -webkit-text-fill-color: #ff00ff !important;
    caret-color: transparent !important;
    list-style: square inside !important;
    quotes: "<" ">" !important;
    tab-size: 40 !important;
    font-size-adjust: 0.2 !important;
}
.island { writing-mode: vertical-rl; }
/* Not inherited but drawn by the ancestor across its blocks, so no computed style shows it. */
main, section { text-decoration: underline solid rgb(255, 0, 0) 3px; }
.island h1, .island p { writing-mode: horizontal-tb; }
`;

// The host page's own content stays readable for axe: its heading and text opt back out.
const HOST_PAGE = `<!doctype html>
<html lang="de">
<head>
<meta charset="utf-8">
<title>Feindliche Gastseite</title>
<style>${HOSTILE_CSS}
h1.own, p.own { all: revert; font-size: 2rem; }
</style>
<script type="module" src="dist/zufi.js"></script>
</head>
<body>
<main>
  <h1 class="own">Bürgerservice</h1>
  <section class="island">
    <div>
      <zufi-finder index="thueringen.zufi" ars="${ALKERSLEBEN}" style="--zufi-color-primary: #7a0019"></zufi-finder>
    </div>
  </section>
</main>
</body>
</html>`;

const server = useServer();

// The computed styles that matter for reading, of every element in the finder's shadow root that
// has text of its own, plus where that text is drawn relative to the finder.
function inspectShadow(page) {
    return page.evaluate(() => {
        const host = document.querySelector('zufi-finder');
        const box = host.getBoundingClientRect();
        const root = host.shadowRoot.querySelector('.zufi');
        // What the finder shows (not what it keeps hidden, such as a closed list).
        const elements = [...host.shadowRoot.querySelectorAll('.zufi *')].filter(
            (element) =>
                element.checkVisibility() &&
                [...element.childNodes].some((node) => node.nodeType === Node.TEXT_NODE && node.textContent.trim() !== ''),
        );
        return {
            rootFontSize: parseFloat(getComputedStyle(root).fontSize),
            primary: getComputedStyle(root).getPropertyValue('--_primary').trim(),
            elements: elements.map((element) => {
                const style = getComputedStyle(element);
                const range = document.createRange();
                range.selectNodeContents(element);
                const rect = range.getBoundingClientRect();
                return {
                    what: `<${element.tagName.toLowerCase()} class="${element.className}">${element.textContent.trim().slice(0, 40)}`,
                    inside: rect.width === 0 || (rect.left >= box.left - 1 && rect.right <= box.right + 1),
                    fontSize: parseFloat(style.fontSize),
                    lineHeight: parseFloat(style.lineHeight),
                    cursor: style.cursor,
                    style: {
                        whiteSpace: style.whiteSpace,
                        textTransform: style.textTransform,
                        letterSpacing: style.letterSpacing,
                        wordSpacing: style.wordSpacing,
                        textIndent: style.textIndent,
                        direction: style.direction,
                        fontStyle: style.fontStyle,
                        fontVariantCaps: style.fontVariantCaps,
                        textShadow: style.textShadow,
                        wordBreak: style.wordBreak,
                        writingMode: style.writingMode,
                        webkitTextSecurity: style.webkitTextSecurity,
                        webkitTextFillColor: style.webkitTextFillColor === 'rgb(255, 0, 255)' ? 'host magenta' : 'ok',
                        fontSizeAdjust: style.fontSizeAdjust,
                    },
                    textAlign: style.textAlign,
                    fontWeight: Number(style.fontWeight),
                };
            }),
        };
    });
}

const CLEAN = {
    whiteSpace: 'normal',
    textTransform: 'none',
    letterSpacing: 'normal',
    wordSpacing: '0px',
    textIndent: '0px',
    direction: 'ltr',
    fontStyle: 'normal',
    fontVariantCaps: 'normal',
    textShadow: 'none',
    wordBreak: 'normal',
    writingMode: 'horizontal-tb',
    webkitTextSecurity: 'none',
    webkitTextFillColor: 'ok',
    fontSizeAdjust: 'none',
};

function assertClean(state, inspected) {
    assert.ok(inspected.rootFontSize >= 16, `${state}: base font size ${inspected.rootFontSize}px, not the host's 62.5 %`);
    assert.equal(inspected.primary, '#7a0019', `${state}: the theming custom properties still come through`);
    assert.ok(
        inspected.elements.some((element) => element.what.includes('Was möchten Sie erledigen?')),
        `${state}: the search box's label is shown`,
    );
    for (const element of inspected.elements) {
        assert.deepEqual(element.style, CLEAN, `${state}: ${element.what}`);
        assert.ok(element.inside, `${state}: ${element.what} is drawn inside the finder`);
        assert.ok(element.fontSize >= 14, `${state}: ${element.what} at ${element.fontSize}px`);
        assert.ok(element.lineHeight >= 1.2 * element.fontSize, `${state}: ${element.what} line height ${element.lineHeight}px`);
        assert.ok(!['right', 'end', '-webkit-right'].includes(element.textAlign), `${state}: ${element.what} aligned ${element.textAlign}`);
        assert.ok(element.fontWeight >= 400, `${state}: ${element.what} weight ${element.fontWeight}`);
        assert.notEqual(element.cursor, 'wait', `${state}: ${element.what} cursor`);
    }
}

// How many pure red pixels (the hostile decoration and shadow) the finder shows: its screenshot
// decoded in the page.
async function redPixels(page) {
    const png = await page.locator('zufi-finder').screenshot();
    return page.evaluate(async (dataUrl) => {
        const image = new Image();
        image.src = dataUrl;
        await image.decode();
        const canvas = document.createElement('canvas');
        canvas.width = image.width;
        canvas.height = image.height;
        const context = canvas.getContext('2d');
        context.drawImage(image, 0, 0);
        const { data } = context.getImageData(0, 0, image.width, image.height);
        let red = 0;
        for (let i = 0; i < data.length; i += 4) {
            if (data[i] > 200 && data[i + 1] < 60 && data[i + 2] < 60) red += 1;
        }
        return red;
    }, `data:image/png;base64,${png.toString('base64')}`);
}

test('a hostile host stylesheet does not reach the finder\'s text, and axe finds nothing', async () => {
    await withPage(server, { path: '/hostile.html', pages: { '/hostile.html': HOST_PAGE } }, async ({ page }) => {
        const box = await waitForFinder(page);
        assertClean('start', await inspectShadow(page));
        const input = await box.evaluate((element) => {
            const style = getComputedStyle(element);
            return { height: element.getBoundingClientRect().height, caret: style.caretColor };
        });
        assert.ok(input.height >= 44, `the search box is ${input.height}px high (target size), not shrunk by 62.5 %`);
        assert.notEqual(input.caret, 'rgba(0, 0, 0, 0)', 'the caret is visible');
        assert.equal(await redPixels(page), 0, 'no decoration or text shadow of the host is drawn over the finder');
        let violations = await axeViolations(page);
        assert.equal(violations.length, 0, `start:\n${formatViolations(violations)}`);

        await box.fill('hundesteuer');
        await page.getByRole('option', { name: /^Hund zur Hundesteuer anmelden/ }).first().waitFor();
        assertClean('suggestions', await inspectShadow(page));
        violations = await axeViolations(page);
        assert.equal(violations.length, 0, `suggestions:\n${formatViolations(violations)}`);

        await box.press('ArrowDown');
        await box.press('Enter');
        await page.getByRole('article').getByRole('heading', { level: 4, name: 'Verwaltungsgemeinschaft Riechheimer Berg' }).waitFor();
        assertClean('detail', await inspectShadow(page));
        violations = await axeViolations(page);
        assert.equal(violations.length, 0, `detail:\n${formatViolations(violations)}`);
    });
});
