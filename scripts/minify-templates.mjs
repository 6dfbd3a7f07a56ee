// Minifies the text of our `css` and `html` tagged templates at build time: minifiers leave template text as
// written, so every style sheet and template shipped with its indentation, line breaks and optional spaces. Only
// the text between `${…}` changes. In CSS, quoted strings (`content: 'a, b'`), any piece with a quote left open
// across an interpolation, and a piece with a license comment (xterm's sheet) stay as written. In HTML, only the
// indentation after a line break goes (HTML collapses white space there: the page renders the same), and a file
// with a `<pre>` or `<textarea>` (where white space shows) keeps its templates as written.
import MagicString from 'magic-string';
import ts from 'typescript';

const QUOTED = /('(?:\\.|[^'\\])*'|"(?:\\.|[^"\\])*")/;

/** One piece of CSS text between interpolations, minified: comments out, whitespace only where CSS needs it. */
export function minifyCssText(text) {
  if ((text.match(/['"]/g) ?? []).length % 2 !== 0 || text.includes('@license')) return text;
  return text
    .split(QUOTED)
    .map((part, index) =>
      index % 2 === 1
        ? part
        : part
            .replace(/\/\*[\s\S]*?\*\//g, '')
            .replace(/\s+/g, ' ')
            .replace(/ ?([{};,]) ?/g, '$1')
            .replace(/: /g, ':')
            .replace(/;}/g, '}'),
    )
    .join('');
}

/**
 * One piece of HTML text between interpolations, minified: a line break with the white space around it becomes the
 * line break alone. A piece with a backslash (an escape such as `\n`) stays as written.
 */
export function minifyHtmlText(text) {
  return text.includes('\\') ? text : text.replace(/[ \t]*\n\s*/g, '\n');
}

/** Each `css` tagged template in a TypeScript source: the ranges of its text between interpolations. */
export const cssTemplates = (source, fileName) => taggedTemplates(source, fileName, 'css');

/** Each `html` tagged template in a TypeScript source: the ranges of its text between interpolations. */
export const htmlTemplates = (source, fileName) => taggedTemplates(source, fileName, 'html');

/** White space shows inside these elements: a file that has one keeps its `html` templates as written. */
const KEEPS_SPACE = /<(pre|textarea)\b/i;

function taggedTemplates(source, fileName, tag) {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const templates = [];
  const textOf = (literal, closing) => ({ start: literal.getStart(file) + 1, end: literal.getEnd() - closing });
  const visit = (node) => {
    if (ts.isTaggedTemplateExpression(node) && ts.isIdentifier(node.tag) && node.tag.text === tag) {
      const template = node.template;
      if (ts.isNoSubstitutionTemplateLiteral(template)) templates.push([textOf(template, 1)]);
      else {
        templates.push([
          textOf(template.head, 2),
          ...template.templateSpans.map((span) => textOf(span.literal, ts.isTemplateTail(span.literal) ? 1 : 2)),
        ]);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return templates;
}

/** The source with its `css` and `html` templates minified, and a source map; undefined when it has none. */
export function minifyTemplates(source, fileName) {
  const css = source.includes('css`');
  const html = source.includes('html`') && !KEEPS_SPACE.test(source);
  if (!css && !html) return undefined;
  const output = new MagicString(source);
  let changed = false;
  const pieces = [
    ...(css
      ? cssTemplates(source, fileName)
          .flat()
          .map((range) => ({ ...range, minify: minifyCssText }))
      : []),
    ...(html
      ? htmlTemplates(source, fileName)
          .flat()
          .map((range) => ({ ...range, minify: minifyHtmlText }))
      : []),
  ];
  for (const { start, end, minify } of pieces) {
    const text = source.slice(start, end);
    const minified = minify(text);
    if (minified === text) continue;
    if (minified) output.overwrite(start, end, minified);
    else output.remove(start, end);
    changed = true;
  }
  if (!changed) return undefined;
  return { code: output.toString(), map: output.generateMap({ hires: true, source: fileName }) };
}

/** Our own sources: the elements' TypeScript, not dependencies or tests. */
const isOwnSource = (id) => /[\\/]src[\\/].*\.ts$/.test(id) && !id.includes('node_modules') && !id.endsWith('.test.ts');

/** The rollup (and vite) plugin. */
export function minifyTemplatesPlugin() {
  return {
    name: 'lta-minify-templates',
    transform: (code, id) => (isOwnSource(id) ? (minifyTemplates(code, id) ?? null) : null),
  };
}

/** The esbuild plugin (the size bench bundles with esbuild). */
export function esbuildMinifyTemplates() {
  return {
    name: 'lta-minify-templates',
    setup(build) {
      build.onLoad({ filter: /\.ts$/ }, async (args) => {
        if (!isOwnSource(args.path)) return undefined;
        const { readFile } = await import('node:fs/promises');
        const source = await readFile(args.path, 'utf8');
        return { contents: minifyTemplates(source, args.path)?.code ?? source, loader: 'ts' };
      });
    },
  };
}
