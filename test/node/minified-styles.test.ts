// The builds minify the CSS of our `css` templates and take the indentation out of our `html` templates
// (scripts/minify-templates.mjs). A space it wrongly took out (`.a .b` into `.a.b`) would restyle a widget, so
// Chromium parses every style sheet of src/ both ways here and must find the same rules; in a template, a space
// taken out would join two words or buttons, so every run of white space must stay.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'puppeteer-core';
import {
  cssTemplates,
  htmlTemplates,
  minifyCssText,
  minifyHtmlText,
  minifyTemplates,
} from '../../scripts/minify-templates.mjs';
import { launchChromium } from './embeds/chromium-site.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
// In place of each interpolation (the theme's palette): declarations, where ours sit.
const INTERPOLATION = '--lta-interpolated: 1;';

/** Every style sheet written as a `css` template in src/, as written and as the builds ship it. */
function styleSheets(): { name: string; written: string; shipped: string }[] {
  const sheets: { name: string; written: string; shipped: string }[] = [];
  const files = readdirSync(join(root, 'src'), { recursive: true, encoding: 'utf8' }).filter(
    (file) => file.endsWith('.ts') && !file.endsWith('.test.ts'),
  );
  for (const file of files) {
    const source = readFileSync(join(root, 'src', file), 'utf8');
    cssTemplates(source, file).forEach((pieces, index) => {
      const texts = pieces.map(({ start, end }) => source.slice(start, end));
      sheets.push({
        name: `${file} #${index + 1}`,
        written: texts.join(INTERPOLATION),
        shipped: texts.map(minifyCssText).join(INTERPOLATION),
      });
    });
  }
  return sheets;
}

let browser: Browser;
let page: Page;
before(async () => {
  browser = await launchChromium();
  page = await browser.newPage();
});
after(() => browser?.close());

/** In the page: the rules Chromium reads from a sheet (nested ones too), each as Chromium writes it back. */
const READ_RULES = `(css) => {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(css);
  const rules = [];
  const read = (list) => {
    for (const rule of list) {
      rules.push(rule.cssText.replace(/\\s+/g, ' '));
      if (rule.cssRules) read(rule.cssRules);
    }
  };
  read(sheet.cssRules);
  return rules;
}`;
const rulesOf = (text: string) => page.evaluate(`(${READ_RULES})(${JSON.stringify(text)})`) as Promise<string[]>;

test('every widget style sheet means the same to Chromium minified as written', async () => {
  const sheets = styleSheets();
  assert.ok(sheets.length >= 10, `found only ${sheets.length} css templates in src/`);
  let saved = 0;
  for (const { name, written, shipped } of sheets) {
    const [before, after] = [await rulesOf(written), await rulesOf(shipped)];
    assert.ok(before.length > 0, `${name}: Chromium read no rules from it`);
    // Chromium writes back a value that holds var() (custom properties' own values too) with the spaces as given,
    // `var(--x, 24em)`; it means the same without the space after the comma, so only there is that space ignored.
    const loose = (rules: string[]) =>
      rules.map((rule) =>
        rule.replace(/([\w-]+): ([^;]*);/g, (declaration: string, name: string, value: string) =>
          name.startsWith('--') || value.includes('var(') ? `${name}: ${value.replace(/,\s*/g, ',')};` : declaration,
        ),
      );
    assert.deepEqual(loose(after), loose(before), name);
    saved += written.length - shipped.length;
  }
  assert.ok(saved > 2000, `minifying saved only ${saved} characters`);
});

test('quoted text, a quote open across an interpolation, license comments and descendant combinators stay as written', () => {
  assert.equal(minifyCssText(`a::after {\n  content: 'a,  b';\n}`), `a::after{content:'a,  b'}`);
  assert.equal(minifyCssText(`  content: '\n  `), `  content: '\n  `);
  const license = `/* @license MIT */\n.x {\n  color: red;\n}`;
  assert.equal(minifyCssText(license), license);
  assert.equal(minifyCssText('.list :focus-visible { outline: none; }'), '.list :focus-visible{outline:none}');
  assert.equal(minifyCssText(`/* note */ .a .b ,\n .c > .d { color: red ; }`), ` .a .b,.c > .d{color:red}`);
});

test('a source without templates is left alone, and one with them gets a source map', () => {
  assert.equal(minifyTemplates('export const x = `<p>\n  hi\n</p>`;', 'x.ts'), undefined);
  const result = minifyTemplates('export const s = css`\n  .a {\n    color: red;\n  }\n`;', 's.ts');
  assert.equal(result?.code, 'export const s = css` .a{color:red}`;');
  assert.deepEqual(result?.map.sources, ['s.ts']);
});

// HTML collapses a run of white space to one space wherever it renders it (outside <pre>, <textarea> and
// `white-space: pre` styles): a template means the same as long as no run disappears and none appears.
test('html templates lose only the indentation after line breaks; white space that shows stays', () => {
  const written = 'export const x = html`<p\n    class="a">\n  hi ${name}  <b>there</b>\n</p>`;';
  assert.equal(
    minifyTemplates(written, 'x.ts')?.code,
    'export const x = html`<p\nclass="a">\nhi ${name}  <b>there</b>\n</p>`;',
  );
  assert.equal(minifyHtmlText('\\n  a\n  b'), '\\n  a\n  b', 'a piece with an escape stays as written');
  const pre = 'const x = html`<pre>\n  a\n</pre>`;';
  assert.equal(minifyTemplates(pre, 'x.ts'), undefined, 'a file with <pre> keeps its html templates');
});

test('every html template of src/ keeps each run of white space (as one or more characters)', () => {
  const files = readdirSync(join(root, 'src'), { recursive: true, encoding: 'utf8' }).filter(
    (file) => file.endsWith('.ts') && !file.endsWith('.test.ts'),
  );
  let templates = 0;
  let saved = 0;
  for (const file of files) {
    const source = readFileSync(join(root, 'src', file), 'utf8');
    const shipped = minifyTemplates(source, file)?.code ?? source;
    const textsOf = (code: string) =>
      htmlTemplates(code, file).map((pieces) => pieces.map(({ start, end }) => code.slice(start, end)));
    const [before, after] = [textsOf(source), textsOf(shipped)];
    templates += before.length;
    assert.deepEqual(
      after.map((pieces) => pieces.map((text) => text.replace(/\s+/g, ' '))),
      before.map((pieces) => pieces.map((text) => text.replace(/\s+/g, ' '))),
      file,
    );
    const length = (texts: string[][]) => texts.flat().join('').length;
    saved += length(before) - length(after);
  }
  assert.ok(templates >= 50, `found only ${templates} html templates in src/`);
  assert.ok(saved > 2000, `minifying saved only ${saved} characters`);
});
