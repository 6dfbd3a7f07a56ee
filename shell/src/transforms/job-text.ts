import type {
  Assignment,
  CommandNode,
  ConditionalExpression,
  ParameterOperation,
  PartOf,
  PipelineNode,
  Redirection,
  ScriptNode,
  StatementNode,
  WordNode,
  WordPart,
} from '../ast/syntax-tree.js';

/**
 * A background statement back to bash source, as bash's `jobs` shows it: `sleep 100 | cat > /dev/null`, words as
 * typed (quotes kept), one space between words, `2> f` and `2>&1` spaced as bash spaces them. Ours because
 * just-bash's browser build has no `serialize`. The statement is given without its `&`.
 */
export function jobText(statement: StatementNode): string {
  // bash leaves a background pipeline's `!` out of its job text.
  return statementText({ ...statement, pipelines: statement.pipelines.map((p) => ({ ...p, negated: false })) });
}

const body = (statements: StatementNode[]) => statements.map(statementText).join('; ');
const scriptText = (script: ScriptNode) => body(script.statements);

function statementText(statement: StatementNode): string {
  const text = statement.pipelines
    .map(
      (pipeline, i) =>
        (i === 0 ? '' : statement.operators[i - 1] === ';' ? '; ' : ` ${statement.operators[i - 1]} `) +
        pipelineText(pipeline),
    )
    .join('');
  return statement.background ? `${text} &` : text;
}

function pipelineText(pipeline: PipelineNode): string {
  const commands = pipeline.commands
    .map((command, i) => (i === 0 ? '' : pipeline.pipeStderr?.[i - 1] ? ' |& ' : ' | ') + commandText(command))
    .join('');
  return (
    (pipeline.timed ? (pipeline.timePosix ? 'time -p ' : 'time ') : '') + (pipeline.negated ? '! ' : '') + commands
  );
}

const withRedirections = (text: string, redirections: Redirection[]) =>
  [text, ...redirections.map(redirectionText)].join(' ');

function commandText(command: CommandNode): string {
  switch (command.type) {
    case 'SimpleCommand':
      return [
        ...command.assignments.map(assignmentText),
        ...(command.name ? [wordText(command.name)] : []),
        ...command.args.map(wordText),
        ...command.redirections.map(redirectionText),
      ].join(' ');
    case 'Subshell':
      return withRedirections(`( ${body(command.body)} )`, command.redirections);
    case 'Group':
      return withRedirections(`{ ${body(command.body)}; }`, command.redirections);
    case 'If': {
      const clauses = command.clauses
        .map((c, i) => `${i === 0 ? 'if' : 'elif'} ${body(c.condition)}; then ${body(c.body)}; `)
        .join('');
      return withRedirections(
        `${clauses}${command.elseBody ? `else ${body(command.elseBody)}; ` : ''}fi`,
        command.redirections,
      );
    }
    case 'For':
      return withRedirections(
        `for ${command.variable}${command.words ? ` in ${command.words.map(wordText).join(' ')}` : ''}; do ${body(command.body)}; done`,
        command.redirections,
      );
    case 'CStyleFor': {
      const parts = [command.init, command.condition, command.update].map((e) => (e ? arithmeticText(e) : ''));
      return withRedirections(`for ((${parts.join('; ')})); do ${body(command.body)}; done`, command.redirections);
    }
    case 'While':
    case 'Until':
      return withRedirections(
        `${command.type === 'While' ? 'while' : 'until'} ${body(command.condition)}; do ${body(command.body)}; done`,
        command.redirections,
      );
    case 'Case': {
      const items = command.items
        .map((item) => `${item.patterns.map(wordText).join(' | ')}) ${body(item.body)}${item.terminator} `)
        .join('');
      return withRedirections(`case ${wordText(command.word)} in ${items}esac`, command.redirections);
    }
    case 'ArithmeticCommand':
      return withRedirections(`((${arithmeticText(command.expression)}))`, command.redirections);
    case 'ConditionalCommand':
      return withRedirections(`[[ ${conditionText(command.expression)} ]]`, command.redirections);
    case 'FunctionDef':
      return withRedirections(`${command.name} () ${commandText(command.body)}`, command.redirections);
  }
}

function assignmentText(assignment: Assignment): string {
  const value = assignment.array
    ? `(${assignment.array.map(wordText).join(' ')})`
    : assignment.value
      ? wordText(assignment.value)
      : '';
  return `${assignment.name}${assignment.append ? '+=' : '='}${value}`;
}

/** `> f`, `2> f`, `< f`, `&> f`, `<<< w` with a space before the target; `2>&1` without, as bash prints them. */
function redirectionText(redirection: Redirection): string {
  const fd = redirection.fdVariable
    ? `{${redirection.fdVariable}}`
    : redirection.fd === null
      ? ''
      : String(redirection.fd);
  const target = redirection.target;
  if (target.type === 'HereDoc') {
    const delimiter = target.quoted ? `'${target.delimiter}'` : target.delimiter;
    return `${fd}${redirection.operator} ${delimiter}`;
  }
  const space = redirection.operator === '>&' || redirection.operator === '<&' ? '' : ' ';
  return `${fd}${redirection.operator}${space}${wordText(target)}`;
}

const wordText = (word: WordNode): string => word.parts.map((part) => partText(part, false)).join('');

/** Backslash, `"`, `$` and backquote stay escaped inside double quotes. */
const inDoubleQuotes = (value: string) => value.replace(/[\\"$`]/g, '\\$&');

function partText(part: WordPart, quoted: boolean): string {
  switch (part.type) {
    case 'Literal':
      return quoted ? inDoubleQuotes(part.value) : part.value;
    case 'SingleQuoted':
      return `'${part.value}'`;
    case 'DoubleQuoted':
      return `"${part.parts.map((p) => partText(p, true)).join('')}"`;
    case 'Escaped':
      return `\\${part.value}`;
    case 'Glob':
      return part.pattern;
    case 'TildeExpansion':
      return `~${part.user ?? ''}`;
    case 'ParameterExpansion':
      return parameterText(part);
    case 'CommandSubstitution':
      return part.legacy ? `\`${scriptText(part.body)}\`` : `$(${scriptText(part.body)})`;
    case 'ArithmeticExpansion':
      return `$((${arithmeticText(part.expression)}))`;
    case 'ProcessSubstitution':
      return `${part.direction === 'input' ? '<' : '>'}(${scriptText(part.body)})`;
    case 'BraceExpansion': {
      const items = part.items.map((item) =>
        item.type === 'Word'
          ? wordText(item.word)
          : [
              item.startStr ?? item.start,
              item.endStr ?? item.end,
              ...(item.step === undefined ? [] : [item.step]),
            ].join('..'),
      );
      return `{${items.join(',')}}`;
    }
  }
}

/** `$NAME` when nothing is done to it; `${...}` otherwise. */
function parameterText(part: PartOf<'ParameterExpansion'>): string {
  const operation = part.operation;
  if (!operation)
    return /^([A-Za-z_][A-Za-z0-9_]*|[0-9?!#$@*-])$/.test(part.parameter)
      ? `$${part.parameter}`
      : `\${${part.parameter}}`;
  if (operation.type === 'Length') return `\${#${part.parameter}}`;
  if (operation.type === 'Indirection')
    return `\${!${part.parameter}${operation.innerOp ? operationText(operation.innerOp) : ''}}`;
  if (operation.type === 'ArrayKeys') return `\${!${operation.array}[${operation.star ? '*' : '@'}]}`;
  if (operation.type === 'VarNamePrefix') return `\${!${operation.prefix}${operation.star ? '*' : '@'}}`;
  return `\${${part.parameter}${operationText(operation)}}`;
}

const opWord = (word: WordNode | null) => (word ? wordText(word) : '');

function operationText(operation: ParameterOperation): string {
  const colon = 'checkEmpty' in operation && operation.checkEmpty ? ':' : '';
  switch (operation.type) {
    case 'DefaultValue':
      return `${colon}-${opWord(operation.word)}`;
    case 'AssignDefault':
      return `${colon}=${opWord(operation.word)}`;
    case 'ErrorIfUnset':
      return `${colon}?${opWord(operation.word)}`;
    case 'UseAlternative':
      return `${colon}+${opWord(operation.word)}`;
    case 'Substring':
      return `:${arithmeticText(operation.offset)}${operation.length ? `:${arithmeticText(operation.length)}` : ''}`;
    case 'PatternRemoval': {
      const mark = operation.side === 'prefix' ? '#' : '%';
      return `${operation.greedy ? mark + mark : mark}${wordText(operation.pattern)}`;
    }
    case 'PatternReplacement': {
      const anchor = operation.anchor === 'start' ? '#' : operation.anchor === 'end' ? '%' : '';
      return `/${operation.all ? '/' : ''}${anchor}${wordText(operation.pattern)}${operation.replacement ? `/${wordText(operation.replacement)}` : ''}`;
    }
    case 'CaseModification': {
      const mark = operation.direction === 'upper' ? '^' : ',';
      return `${operation.all ? mark + mark : mark}${opWord(operation.pattern)}`;
    }
    case 'Transform':
      return `@${operation.operator}`;
    case 'BadSubstitution':
      return operation.text;
    case 'Length':
    case 'LengthSliceError':
    case 'Indirection':
    case 'ArrayKeys':
    case 'VarNamePrefix':
      return '';
  }
}

type ArithmeticNode = PartOf<'ArithmeticExpansion'>['expression'];

/** The expression as typed: just-bash keeps that text, and bash prints it unchanged. */
const arithmeticText = (expression: ArithmeticNode) => expression.originalText?.trim() ?? '';

function conditionText(expression: ConditionalExpression): string {
  switch (expression.type) {
    case 'CondBinary':
      return `${wordText(expression.left)} ${expression.operator} ${wordText(expression.right)}`;
    case 'CondUnary':
      return `${expression.operator} ${wordText(expression.operand)}`;
    case 'CondNot':
      return `! ${conditionText(expression.operand)}`;
    case 'CondAnd':
      return `${conditionText(expression.left)} && ${conditionText(expression.right)}`;
    case 'CondOr':
      return `${conditionText(expression.left)} || ${conditionText(expression.right)}`;
    case 'CondGroup':
      return `( ${conditionText(expression.expression)} )`;
    case 'CondWord':
      return wordText(expression.word);
  }
}
