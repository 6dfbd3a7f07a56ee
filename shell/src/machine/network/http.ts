import type { LearnerFs } from '../../filesystem/learner-fs.js';
import { LEARNER } from '../../filesystem/layout.js';
import type { ServiceSocket } from '../events.js';
import type { Machine, Network } from './network.js';

/** An HTTP response as the simulated web servers give it. */
export interface HttpResponse {
  status: number;
  reason: string;
  headers: [string, string][];
  body: string;
}

/** A parsed `http://host[:port]/path` URL. */
export interface HttpUrl {
  scheme: 'http' | 'https';
  host: string;
  port: number;
  path: string;
  /** The URL written out in full, as curl and wget show it. */
  href: string;
}

const REASONS: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  204: 'No Content',
  301: 'Moved Permanently',
  302: 'Found',
  304: 'Not Modified',
  307: 'Temporary Redirect',
  308: 'Permanent Redirect',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Not Allowed',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Temporarily Unavailable',
  504: 'Gateway Time-out',
};

const TYPES: Record<string, string> = {
  html: 'text/html',
  htm: 'text/html',
  txt: 'text/plain',
  css: 'text/css',
  js: 'application/javascript',
  json: 'application/json',
  xml: 'text/xml',
  png: 'image/png',
  jpg: 'image/jpeg',
  svg: 'image/svg+xml',
};

/** A fixed date, so that the same request always gives the same answer. */
const DATE = 'Sun, 06 Dec 2026 09:00:00 GMT';

/** Parses a URL as curl reads one: the scheme may be left out (`web01/index.html`). */
export function parseUrl(text: string): HttpUrl | undefined {
  const match = /^(?:(https?):\/\/)?([A-Za-z0-9.-]+)(?::(\d{1,5}))?(\/[^\s#]*)?(?:#.*)?$/.exec(text);
  if (!match) return undefined;
  const scheme = (match[1] ?? 'http') as 'http' | 'https';
  const port = match[3] ? Number(match[3]) : scheme === 'https' ? 443 : 80;
  const path = match[4] ?? '/';
  const host = match[2]!.toLowerCase();
  const shownPort = match[3] ? `:${port}` : '';
  return { scheme, host, port, path, href: `${scheme}://${host}${shownPort}${path}` };
}

/** What `location` (absolute or a path) points to, from `url`. */
export function follow(url: HttpUrl, location: string): HttpUrl | undefined {
  if (/^https?:\/\//.test(location)) return parseUrl(location);
  const path = location.startsWith('/') ? location : `${url.path.replace(/[^/]*$/, '')}${location}`;
  return parseUrl(`${url.scheme}://${url.host}:${url.port}${path}`);
}

/** The answer of a web server (`service` on `machine`) to `GET path`, as nginx gives it. */
export function serve(network: Network, machine: Machine, service: ServiceSocket, requestPath: string): HttpResponse {
  const path = decodeURIComponent(requestPath.replace(/\?.*$/, '')) || '/';
  const route = service.routes?.[path];
  if (route) {
    const headers: [string, string][] = route.location ? [['Location', route.location]] : [];
    return response(
      route.status,
      route.body ?? (route.status >= 300 ? errorPage(route.status) : ''),
      'text/html',
      headers,
    );
  }
  const fs = service.root ? network.fsOf(machine) : undefined;
  if (!fs || !service.root) return response(404, errorPage(404), 'text/html');
  const root = service.root.replace(/^~(?=\/|$)/, LEARNER.home);
  return fromFiles(fs, root, path, service.index ?? ['index.html']);
}

/**
 * A file under the server's root (for a directory, the first of its `index` files there); nginx, running as
 * `www-data`, reads only what others may read.
 */
function fromFiles(fs: LearnerFs, root: string, path: string, index: readonly string[]): HttpResponse {
  let file = fs.resolvePath(root, `.${path}`);
  if (file !== root && !file.startsWith(`${root}/`)) return response(400, errorPage(400), 'text/html');
  let node = fs.nodeAt(file);
  if (node?.type === 'dir') {
    if (!path.endsWith('/')) return response(301, errorPage(301), 'text/html', [['Location', `${path}/`]]);
    const dir = file === '/' ? '' : file;
    file = index.map((name) => `${dir}/${name}`).find((candidate) => fs.nodeAt(candidate)) ?? `${dir}/index.html`;
    node = fs.nodeAt(file);
    if (!node) return response(403, errorPage(403), 'text/html');
  }
  if (!node || node.type !== 'file') return response(404, errorPage(404), 'text/html');
  if (!readableByOthers(fs, file)) return response(403, errorPage(403), 'text/html');
  const body = new TextDecoder().decode(node.inode.data);
  const type = TYPES[file.slice(file.lastIndexOf('.') + 1).toLowerCase()] ?? 'application/octet-stream';
  return response(200, body, type, [['Last-Modified', node.inode.mtime.toUTCString()]]);
}

/** Whether a process that is neither the owner nor in the group could read `path` (every directory searchable). */
function readableByOthers(fs: LearnerFs, path: string): boolean {
  const node = fs.nodeAt(path);
  if (!node || node.type !== 'file' || !(node.inode.mode & 0o004)) return false;
  for (let dir = path.slice(0, path.lastIndexOf('/')); dir; dir = dir.slice(0, dir.lastIndexOf('/'))) {
    const parent = fs.nodeAt(dir);
    if (parent?.type === 'dir' && !(parent.mode & 0o001)) return false;
  }
  return true;
}

function response(status: number, body: string, type: string, extra: [string, string][] = []): HttpResponse {
  const headers: [string, string][] = [
    ['Server', 'nginx/1.22.1'],
    ['Date', DATE],
    ['Content-Type', type],
    ['Content-Length', String(new TextEncoder().encode(body).length)],
    ...extra,
    ['Connection', 'keep-alive'],
  ];
  return { status, reason: REASONS[status] ?? 'Unknown', headers, body };
}

/** nginx's page for an error or redirect status. */
function errorPage(status: number): string {
  const title = `${status} ${REASONS[status] ?? ''}`.trim();
  return `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx/1.22.1</center>\r\n</body>\r\n</html>\r\n`;
}

/** The status line and headers as they travel (`HTTP/1.1 200 OK`, CRLF line ends, a blank line at the end). */
export function headerText(answer: HttpResponse): string {
  return `HTTP/1.1 ${answer.status} ${answer.reason}\r\n${answer.headers.map(([name, value]) => `${name}: ${value}\r\n`).join('')}\r\n`;
}
