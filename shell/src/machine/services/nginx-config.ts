import type { LearnerFs } from '../../filesystem/learner-fs.js';
import { readAsRoot } from '../root-files.js';

export const NGINX_CONF = '/etc/nginx/nginx.conf';

/** What `nginx -t` found: the first error as nginx words it (`unknown directive "lisen" in FILE:LINE`), or none. */
export type NginxConfigResult = { ok: true } | { ok: false; error: string };

const BLOCKS = new Set(['events', 'http', 'server', 'location', 'types', 'upstream', 'if', 'map', 'mail', 'stream']);
/** Directives nginx knows, with their most arguments where few are allowed (a forgotten `;` shows there). */
const DIRECTIVES: Readonly<Record<string, number>> = {
  user: 2,
  worker_processes: 1,
  pid: 1,
  include: 1,
  worker_connections: 1,
  multi_accept: 1,
  sendfile: 1,
  tcp_nopush: 1,
  types_hash_max_size: 1,
  server_tokens: 1,
  default_type: 1,
  access_log: 9,
  error_log: 2,
  gzip: 1,
  ssl_protocols: 9,
  ssl_prefer_server_ciphers: 1,
  ssl_certificate: 1,
  ssl_certificate_key: 1,
  listen: 9,
  root: 1,
  index: 9,
  server_name: 99,
  try_files: 9,
  return: 2,
  proxy_pass: 1,
  proxy_set_header: 2,
  rewrite: 3,
  alias: 1,
  autoindex: 1,
  keepalive_timeout: 2,
  client_max_body_size: 1,
  add_header: 3,
  fastcgi_pass: 1,
  deny: 1,
  allow: 1,
  error_page: 9,
  expires: 1,
  charset: 1,
  load_module: 1,
  worker_rlimit_nofile: 1,
  log_format: 99,
  gzip_types: 99,
};
const LISTEN_PARAMETER =
  /^(\d{1,5}|[\w.:[\]*]+:\d{1,5}|\[[\w:]+\](:\d+)?|default_server|ssl|http2|reuseport|ipv6only=(on|off)|backlog=\d+)$/;

interface Token {
  text: string;
  line: number;
}

function tokens(text: string): Token[] {
  const out: Token[] = [];
  let line = 1;
  for (let i = 0; i < text.length;) {
    const c = text[i]!;
    if (c === '\n') line++;
    if (/\s/.test(c)) {
      i++;
    } else if (c === '#') {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (c === ';' || c === '{' || c === '}') {
      out.push({ text: c, line });
      i++;
    } else if (c === '"' || c === "'") {
      const end = text.indexOf(c, i + 1);
      const word = text.slice(i + 1, end < 0 ? text.length : end);
      out.push({ text: word, line });
      line += word.split('\n').length - 1;
      i = end < 0 ? text.length : end + 1;
    } else {
      let j = i;
      while (j < text.length && !/[\s;{}]/.test(text[j]!)) j++;
      out.push({ text: text.slice(i, j), line });
      i = j;
    }
  }
  return out;
}

/** `nginx -t`: reads nginx.conf and the files it includes, and finds the first mistake nginx would report. */
export function testNginxConfig(fs: LearnerFs): NginxConfigResult {
  const read = (path: string) => readAsRoot(fs, path);
  const check = (path: string, depth: number, insideTypes: boolean): string | null => {
    const text = read(path);
    if (text === undefined) return `open() "${path}" failed (2: No such file or directory)`;
    const list = tokens(text);
    let args: Token[] = [];
    const open: string[] = insideTypes ? ['types'] : [];
    const base = open.length;
    for (const token of list) {
      if (token.text === ';' || token.text === '{') {
        const [name, ...rest] = args;
        if (!name) return `unexpected "${token.text}" in ${path}:${token.line}`;
        const inTypes = open[open.length - 1] === 'types';
        if (!inTypes) {
          if (!(name.text in DIRECTIVES) && !BLOCKS.has(name.text))
            return `unknown directive "${name.text}" in ${path}:${name.line}`;
          if (token.text === '{' && !BLOCKS.has(name.text))
            return `directive "${name.text}" is not terminated by ";" in ${path}:${token.line}`;
          if (token.text === ';' && BLOCKS.has(name.text))
            return `directive "${name.text}" has no opening "{" in ${path}:${token.line}`;
          if (token.text === ';' && rest.length > (DIRECTIVES[name.text] ?? 99))
            return `invalid number of arguments in "${name.text}" directive in ${path}:${token.line}`;
          if (token.text === ';' && rest.length === 0)
            return `invalid number of arguments in "${name.text}" directive in ${path}:${token.line}`;
          if (name.text === 'listen') {
            const bad = rest.find((arg) => !LISTEN_PARAMETER.test(arg.text));
            if (bad) return `invalid parameter "${bad.text}" in ${path}:${token.line}`;
          }
          if (name.text === 'include' && token.text === ';' && depth < 5) {
            const problem = include(rest[0]!.text, depth, path, token.line);
            if (problem) return problem;
          }
        }
        if (token.text === '{') open.push(name.text);
        args = [];
      } else if (token.text === '}') {
        if (args.length > 0) return `unexpected "}" in ${path}:${token.line}`;
        if (open.length === base) return `unexpected "}" in ${path}:${token.line}`;
        open.pop();
      } else {
        args.push(token);
      }
    }
    const lastLine = list[list.length - 1]?.line ?? 1;
    if (args.length > 0 || open.length > base)
      return `unexpected end of file, expecting "${args.length > 0 ? ';' : '}'}" or "}" in ${path}:${lastLine}`;
    return null;
  };
  const include = (pattern: string, depth: number, from: string, line: number): string | null => {
    const absolute = pattern.startsWith('/') ? pattern : `/etc/nginx/${pattern}`;
    const star = absolute.lastIndexOf('*');
    if (star < 0) {
      if (read(absolute) === undefined)
        return `open() "${absolute}" failed (2: No such file or directory) in ${from}:${line}`;
      return check(absolute, depth + 1, false);
    }
    const dir = absolute.slice(0, absolute.lastIndexOf('/'));
    const glob = new RegExp(
      `^${absolute
        .slice(dir.length + 1)
        .replace(/[.+^${}()|[\]\\]/g, '\\$&')
        .replace(/\*/g, '.*')}$`,
    );
    if (fs.nodeAt(dir)?.type !== 'dir') return null;
    for (const name of fs.childrenOf(dir).sort()) {
      if (!glob.test(name)) continue;
      const problem = check(`${dir}/${name}`, depth + 1, false);
      if (problem) return problem;
    }
    return null;
  };
  const error = check(NGINX_CONF, 0, false);
  return error ? { ok: false, error } : { ok: true };
}
