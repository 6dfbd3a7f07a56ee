/**
 * Text output with indentation, behaving like SpacetimeDB's `CodeIndenter`: every line written at the start
 * of a line gets the current indent, except empty lines; `newline()` adds a bare line break.
 */
export class CodeWriter {
  private text = '';
  private level = 0;
  private needsIndent = true;

  constructor(private readonly unit = '  ') {}

  write(s: string): this {
    const lines = s.match(/[^\n]*\n|[^\n]+$/g) ?? [];
    lines.forEach((line, i) => {
      if ((i !== 0 || this.needsIndent) && line !== '\n') this.text += this.unit.repeat(this.level);
      this.text += line;
    });
    if (s !== '') this.needsIndent = s.endsWith('\n');
    return this;
  }

  line(s = ''): this {
    return this.write(`${s}\n`);
  }

  newline(): this {
    this.text += '\n';
    return this;
  }

  indent(): this {
    this.level++;
    return this;
  }

  dedent(): this {
    this.level = Math.max(0, this.level - 1);
    return this;
  }

  toString(): string {
    return this.text;
  }
}
