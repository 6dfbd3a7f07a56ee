import { html, nothing, type TemplateResult } from 'lit';

/** What a code snippet offers when clicked. */
export interface SnippetActions {
  /** Copies inline code (a path, a command) to the clipboard. */
  copy(text: string): void;
  /** Types a command block into the terminal and runs it. */
  run(command: string): void;
  /** The words on the snippets' buttons, now. */
  words(): { copy: string; run: string };
}

type Inline = TemplateResult | string;

/** `code`, **bold**, *emphasis* / _emphasis_, [text](https://link). Anything else stays text. */
const INLINE = /`([^`]+)`|\*\*([^*]+)\*\*|\*([^*\s][^*]*)\*|_([^_\s][^_]*)_|\[([^\]]+)\]\(([^)\s]+)\)/g;

/** Only web links: a lab from a URL must not smuggle `javascript:` into the page. */
const SAFE_LINK = /^https?:\/\//i;

function inline(text: string, actions: SnippetActions): Inline[] {
  const parts: Inline[] = [];
  let last = 0;
  for (const match of text.matchAll(INLINE)) {
    if (match.index > last) parts.push(text.slice(last, match.index));
    const [whole, code, bold, em1, em2, linkText, href] = match;
    if (code !== undefined) {
      parts.push(
        html`<button type="button" class="snippet" title=${actions.words().copy} @click=${() => actions.copy(code)}><code>${code}</code></button>`,
      );
    } else if (bold !== undefined) {
      parts.push(html`<strong>${bold}</strong>`);
    } else if (em1 !== undefined || em2 !== undefined) {
      parts.push(html`<em>${em1 ?? em2}</em>`);
    } else if (linkText !== undefined && href !== undefined && SAFE_LINK.test(href)) {
      parts.push(html`<a href=${href} target="_blank" rel="noopener noreferrer">${linkText}</a>`);
    } else {
      parts.push(whole);
    }
    last = match.index + whole.length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return parts;
}

function codeBlock(code: string, actions: SnippetActions): TemplateResult {
  // A block of shell commands: each line can run on its own; `$ ` prompts in the text are not part of them.
  const commands = code
    .split('\n')
    .map((line) => line.replace(/^\$ /, ''))
    .filter((line) => line.trim());
  return runnableBlock(
    code,
    () => actions.copy(commands.join('\n')),
    () => commands.forEach((command) => actions.run(command)),
    actions,
  );
}

/** Code shown as a block with its Copy and Run buttons. */
function runnableBlock(code: string, copy: () => void, run: () => void, actions: SnippetActions): TemplateResult {
  const words = actions.words();
  return html`<div class="code-block">
    <pre><code>${code}</code></pre>
    <div class="code-actions">
      <button type="button" @click=${copy}>${words.copy}</button>
      <button type="button" @click=${run}>${words.run}</button>
    </div>
  </div>`;
}

/**
 * A hint: Markdown, or when it spans several lines and has no fence of its own, one command (a here-document, a
 * loop) shown as a code block whose Run types it whole, as it must be typed.
 */
export function renderHint(hint: string, actions: SnippetActions): TemplateResult {
  if (!hint.includes('\n') || hint.includes('```')) return renderMarkdown(hint, actions);
  return runnableBlock(
    hint,
    () => actions.copy(hint),
    () => actions.run(hint),
    actions,
  );
}

/**
 * Renders the Markdown subset labs use (paragraphs, `-`/`1.` lists, fenced code blocks, inline code, bold,
 * emphasis, http(s) links) as Lit templates. Text is never parsed as HTML, so a lab from any source cannot inject
 * markup or script into the page. Inline code copies on click; a fenced block can be copied or run.
 */
export function renderMarkdown(source: string, actions: SnippetActions): TemplateResult {
  const blocks: TemplateResult[] = [];
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    if (line.trim() === '') {
      i++;
    } else if (line.startsWith('```')) {
      const code: string[] = [];
      for (i++; i < lines.length && !lines[i]!.startsWith('```'); i++) code.push(lines[i]!);
      i++;
      blocks.push(codeBlock(code.join('\n'), actions));
    } else if (/^\s*([-*]|\d+\.)\s+/.test(line)) {
      const ordered = /^\s*\d+\./.test(line);
      const items: string[] = [];
      for (; i < lines.length && /^\s*([-*]|\d+\.)\s+/.test(lines[i]!); i++)
        items.push(lines[i]!.replace(/^\s*([-*]|\d+\.)\s+/, ''));
      const rendered = items.map((item) => html`<li>${inline(item, actions)}</li>`);
      blocks.push(ordered ? html`<ol>${rendered}</ol>` : html`<ul>${rendered}</ul>`);
    } else {
      const paragraph: string[] = [];
      for (
        ;
        i < lines.length &&
        lines[i]!.trim() !== '' &&
        !lines[i]!.startsWith('```') &&
        !/^\s*([-*]|\d+\.)\s+/.test(lines[i]!);
        i++
      ) {
        paragraph.push(lines[i]!);
      }
      blocks.push(html`<p>${inline(paragraph.join(' '), actions)}</p>`);
    }
  }
  return blocks.length ? html`${blocks}` : html`${nothing}`;
}
