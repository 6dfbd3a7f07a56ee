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
    const files = includedFiles(fs, pattern);
    if (files === 'missing')
      return `open() "${includePath(pattern)}" failed (2: No such file or directory) in ${from}:${line}`;
    for (const file of files) {
      const problem = check(file, depth + 1, false);
      if (problem) return problem;
    }
    return null;
  };
  const error = check(NGINX_CONF, 0, false);
  return error ? { ok: false, error } : { ok: true };
}

/** An `include` argument as a path: relative ones are under /etc/nginx. */
function includePath(pattern: string): string {
  return pattern.startsWith('/') ? pattern : `/etc/nginx/${pattern}`;
}

/**
 * The files an `include` names, in the order nginx reads them: the file itself (`missing` when it is not there), or
 * the files a wildcard matches in its directory (none is fine).
 */
function includedFiles(fs: LearnerFs, pattern: string): string[] | 'missing' {
  const absolute = includePath(pattern);
  if (!absolute.includes('*')) return readAsRoot(fs, absolute) === undefined ? 'missing' : [absolute];
  const dir = absolute.slice(0, absolute.lastIndexOf('/'));
  const glob = new RegExp(
    `^${absolute
      .slice(dir.length + 1)
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')}$`,
  );
  if (fs.nodeAt(dir)?.type !== 'dir') return [];
  return fs
    .childrenOf(dir)
    .sort()
    .filter((name) => glob.test(name))
    .map((name) => `${dir}/${name}`);
}

/** One `server` block of a configuration nginx accepted: the port it listens on, what it serves from. */
export interface NginxSite {
  port: number;
  root: string;
  index: string[];
}

/** nginx's defaults when a server names no `root`, `index` or `listen` (Debian's build, run as root). */
const DEFAULT_ROOT = '/usr/share/nginx/html';
const DEFAULT_INDEX = ['index.html'];
const DEFAULT_PORT = 80;

/**
 * The sites nginx serves with the configuration on disk (which `nginx -t` accepts): per `listen` port, the first
 * server block, with `root` and `index` inherited from the `http` block as nginx does.
 */
export function nginxSites(fs: LearnerFs): NginxSite[] {
  const sites: NginxSite[] = [];
  const inherited = { root: DEFAULT_ROOT, index: DEFAULT_INDEX };
  const walk = (path: string, depth: number, open: string[]) => {
    let args: string[] = [];
    let server: { ports: number[]; root?: string; index?: string[] } | undefined;
    for (const token of tokens(readAsRoot(fs, path) ?? '')) {
      if (token.text === '{') {
        open.push(args[0] ?? '');
        if (args[0] === 'server' && open.includes('http')) server = { ports: [] };
        args = [];
      } else if (token.text === '}') {
        if (open.pop() === 'server' && server) {
          for (const port of server.ports.length ? server.ports : [DEFAULT_PORT]) {
            if (!sites.some((site) => site.port === port))
              sites.push({ port, root: server.root ?? inherited.root, index: server.index ?? inherited.index });
          }
          server = undefined;
        }
      } else if (token.text === ';') {
        const [name, ...rest] = args;
        // A `root` inside a `location` is that location's only.
        const block = open.at(-1);
        const target = block === 'server' ? server : block === 'http' ? inherited : undefined;
        if (name === 'include' && rest[0] && depth < 5) {
          const files = includedFiles(fs, rest[0]);
          if (files !== 'missing') for (const file of files) walk(file, depth + 1, open);
        } else if (name === 'listen' && block === 'server' && server && rest[0]) {
          const port = Number(/(\d{1,5})$/.exec(rest[0])?.[1]);
          if (port > 0 && port < 65536) server.ports.push(port);
        } else if (name === 'root' && target && rest[0]) target.root = rest[0];
        else if (name === 'index' && target && rest.length) target.index = rest;
        args = [];
      } else args.push(token.text);
    }
  };
  walk(NGINX_CONF, 0, []);
  return sites;
}
