import type { CommandContext, ExecResult } from 'just-bash';
import { fail, type LearnerCommand } from '../../commands/command.js';
import { errorText } from '../../filesystem/learner-fs.js';
import { follow, headerText, parseUrl, serve, type HttpResponse, type HttpUrl } from './http.js';
import type { Network } from './network.js';

/** How a request ended: an answer, or why none came (curl's exit code and message). */
type Fetched =
  | { ok: true; url: HttpUrl; address: string; answer: HttpResponse }
  | { ok: false; code: number; message: string; url: HttpUrl };

/** One request, as the network carries it: name resolution, the connection, the server's answer. */
function request(network: Network, url: HttpUrl, method: 'GET' | 'HEAD'): Fetched {
  const address = network.resolve(url.host);
  if (!address) return { ok: false, code: 6, message: `Could not resolve host: ${url.host}`, url };
  const connection = network.connect(address, url.port);
  if (!connection.ok) {
    if (connection.why === 'timeout')
      return {
        ok: false,
        code: 28,
        message: `Failed to connect to ${url.host} port ${url.port} after 130000 ms: Couldn't connect to server`,
        url,
      };
    return {
      ok: false,
      code: 7,
      message: `Failed to connect to ${url.host} port ${url.port} after ${connection.why === 'unreachable' ? 3066 : 0} ms: Couldn't connect to server`,
      url,
    };
  }
  if (connection.service.kind === 'ssh')
    return { ok: false, code: 1, message: 'Received HTTP/0.9 when not allowed', url };
  if (connection.service.kind === 'tcp' || url.scheme === 'https')
    return {
      ok: false,
      code: url.scheme === 'https' ? 35 : 52,
      message:
        url.scheme === 'https'
          ? 'OpenSSL/3.0.11: error:0A00010B:SSL routines::wrong version number'
          : 'Empty reply from server',
      url,
    };
  const answer = serve(network, connection.machine, connection.service, url.path);
  return { ok: true, url, address, answer: method === 'HEAD' ? { ...answer, body: '' } : answer };
}

interface CurlOptions {
  head: boolean;
  include: boolean;
  output?: string;
  remoteName: boolean;
  location: boolean;
  silent: boolean;
  showError: boolean;
  failOnError: boolean;
  writeOut?: string;
  url?: string;
}

function curlOptions(args: string[]): CurlOptions | string {
  const options: CurlOptions = {
    head: false,
    include: false,
    remoteName: false,
    location: false,
    silent: false,
    showError: false,
    failOnError: false,
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const long: Record<string, keyof CurlOptions> = {
      '--head': 'head',
      '--include': 'include',
      '--location': 'location',
      '--silent': 'silent',
      '--show-error': 'showError',
      '--fail': 'failOnError',
      '--remote-name': 'remoteName',
    };
    if (long[arg]) (options[long[arg]] as boolean) = true;
    else if (arg === '-o' || arg === '--output') options.output = args[++i];
    else if (arg === '-w' || arg === '--write-out') options.writeOut = args[++i];
    else if (arg === '-m' || arg === '--max-time' || arg === '--connect-timeout' || arg === '-A' || arg === '-H') i++;
    else if (/^-[a-zA-Z]+$/.test(arg)) {
      for (const [at, letter] of [...arg.slice(1)].entries()) {
        const flag: Record<string, keyof CurlOptions> = {
          I: 'head',
          i: 'include',
          L: 'location',
          s: 'silent',
          S: 'showError',
          f: 'failOnError',
          O: 'remoteName',
        };
        if (flag[letter]) (options[flag[letter]] as boolean) = true;
        else if (letter === 'o' || letter === 'w') {
          const value = arg.slice(at + 2) || args[++i];
          if (letter === 'o') options.output = value;
          else options.writeOut = value;
          break;
        } else if (letter === 'v') continue;
        else
          return `curl: option -${letter}: is unknown\ncurl: try 'curl --help' or 'curl --manual' for more information\n`;
      }
    } else if (arg.startsWith('-'))
      return `curl: option ${arg}: is unknown\ncurl: try 'curl --help' or 'curl --manual' for more information\n`;
    else options.url = arg;
  }
  return options;
}

/** curl's progress meter, shown on stderr when the body goes to a file and `-s` is not given. */
function progressMeter(size: number): string {
  const shown = size < 100000 ? String(size) : `${Math.round(size / 1024)}k`;
  return `  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n                                 Dload  Upload   Total   Spent    Left  Speed\n100 ${shown.padStart(5)}  100 ${shown.padStart(5)}    0     0   ${`${Math.max(1, Math.round(size / 2))}`.padStart(4)}      0 --:--:-- --:--:-- --:--:-- ${`${size}`.padStart(5)}\n`;
}

/** `curl`: one HTTP request to the simulated web servers, with `-I`, `-i`, `-o`, `-O`, `-L`, `-s`, `-S`, `-f`, `-w`. */
export function curlCommand(network: Network): LearnerCommand {
  return {
    name: 'curl',
    async execute(args, ctx) {
      const options = curlOptions(args);
      if (typeof options === 'string') return fail(options, 2);
      if (!options.url)
        return fail("curl: no URL specified!\ncurl: try 'curl --help' or 'curl --manual' for more information\n", 2);
      const url = parseUrl(options.url);
      if (!url) return fail(`curl: (3) URL using bad/illegal format or missing URL\n`, 3);
      let fetched = request(network, url, options.head ? 'HEAD' : 'GET');
      let headers = '';
      for (
        let hops = 0;
        fetched.ok && options.location && fetched.answer.status >= 300 && fetched.answer.status < 400;
        hops++
      ) {
        const location = fetched.answer.headers.find(([name]) => name === 'Location')?.[1];
        const next = location ? follow(fetched.url, location) : undefined;
        if (!next) break;
        if (hops === 50) return fail('curl: (47) Maximum (50) redirects followed\n', 47);
        if (options.head || options.include) headers += headerText(fetched.answer);
        fetched = request(network, next, options.head ? 'HEAD' : 'GET');
      }
      const quiet = options.silent && !options.showError;
      if (!fetched.ok) return fail(quiet ? '' : `curl: (${fetched.code}) ${fetched.message}\n`, fetched.code);
      const { answer } = fetched;
      if (options.failOnError && answer.status >= 400) {
        return fail(quiet ? '' : `curl: (22) The requested URL returned error: ${answer.status}\n`, 22);
      }
      const shown = options.head || options.include ? headers + headerText(answer) : '';
      const body = shown + answer.body;
      const writeOut =
        options.writeOut
          ?.replace(/%\{http_code\}|%\{response_code\}/g, String(answer.status))
          .replace(/%\{url_effective\}/g, fetched.url.href)
          .replace(/\\n/g, '\n') ?? '';
      const target = options.output ?? (options.remoteName ? fetched.url.path.replace(/^.*\//, '') : undefined);
      if (options.remoteName && !target)
        return fail('curl: (23) Failed writing received data to disk/application\n', 23);
      if (target === undefined || target === '-') return { stdout: body + writeOut, stderr: '', exitCode: 0 };
      return saveTo(ctx, target, body, options.silent ? '' : progressMeter(body.length), writeOut);
    },
  };
}

async function saveTo(
  ctx: CommandContext,
  file: string,
  body: string,
  meter: string,
  writeOut: string,
): Promise<ExecResult> {
  try {
    await ctx.fs.writeFile(ctx.fs.resolvePath(ctx.cwd, file), body);
  } catch (error) {
    return fail(
      `${meter}Warning: Failed to open the file ${file}: ${errorText(error)}\ncurl: (23) Failure writing output to destination\n`,
      23,
      writeOut,
    );
  }
  return { stdout: writeOut, stderr: meter, exitCode: 0 };
}

/** `wget URL`: saves what the server answers into a file named after the URL (`-O FILE`, `-O -`, `-q`). */
export function wgetCommand(network: Network): LearnerCommand {
  return {
    name: 'wget',
    async execute(args, ctx) {
      let output: string | undefined;
      let quiet = false;
      let address: string | undefined;
      for (let i = 0; i < args.length; i++) {
        const arg = args[i]!;
        if (arg === '-O' || arg === '--output-document') output = args[++i];
        else if (arg.startsWith('-O') && arg.length > 2) output = arg.slice(2);
        else if (arg === '-q' || arg === '--quiet') quiet = true;
        else if (arg.startsWith('-'))
          return fail(
            `wget: invalid option -- '${arg.replace(/^-+/, '')}'\nUsage: wget [OPTION]... [URL]...\n\nTry \`wget --help' for more options.\n`,
            2,
          );
        else address = arg;
      }
      if (!address)
        return fail("wget: missing URL\nUsage: wget [OPTION]... [URL]...\n\nTry `wget --help' for more options.\n", 1);
      const start = parseUrl(address);
      if (!start) return fail(`${address}: Invalid URL ${address}: Unsupported scheme\n`, 1);
      let url: HttpUrl = start;
      let log = '';
      for (let hops = 0; hops < 20; hops++) {
        log += `--2026-12-06 09:00:00--  ${url.href}\n`;
        const fetched = request(network, url, 'GET');
        const resolved = network.resolve(url.host);
        if (!fetched.ok) {
          if (fetched.code === 6)
            return fail(
              quiet
                ? ''
                : `${log}Resolving ${url.host} (${url.host})... failed: Name or service not known.\nwget: unable to resolve host address ‘${url.host}’\n`,
              4,
            );
          const why =
            fetched.code === 28
              ? 'Connection timed out'
              : fetched.code === 7
                ? connectionWhy(network, resolved!, url.port)
                : 'Connection closed';
          return fail(
            quiet
              ? ''
              : `${log}Resolving ${url.host} (${url.host})... ${resolved}\nConnecting to ${url.host} (${url.host})|${resolved}|:${url.port}... failed: ${why}.\n`,
            4,
          );
        }
        const { answer } = fetched;
        log += `Resolving ${url.host} (${url.host})... ${resolved}\nConnecting to ${url.host} (${url.host})|${resolved}|:${url.port}... connected.\nHTTP request sent, awaiting response... ${answer.status} ${answer.reason}\n`;
        const location = answer.headers.find(([name]) => name === 'Location')?.[1];
        const next: HttpUrl | undefined =
          answer.status >= 300 && answer.status < 400 && location ? follow(url, location) : undefined;
        if (next) {
          log += `Location: ${location} [following]\n`;
          url = next;
          continue;
        }
        if (answer.status >= 400)
          return fail(quiet ? '' : `${log}2026-12-06 09:00:00 ERROR ${answer.status}: ${answer.reason}.\n\n`, 8);
        const type = answer.headers.find(([name]) => name === 'Content-Type')?.[1] ?? 'text/plain';
        const file = output ?? (url.path.replace(/^.*\//, '') || 'index.html');
        const size = answer.body.length;
        if (file === '-')
          return {
            stdout: answer.body,
            stderr: quiet ? '' : `${log}Length: ${size} [${type}]\nSaving to: ‘STDOUT’\n\n`,
            exitCode: 0,
          };
        try {
          await ctx.fs.writeFile(ctx.fs.resolvePath(ctx.cwd, file), answer.body);
        } catch (error) {
          return fail(quiet ? '' : `${log}${file}: ${errorText(error)}\n`, 3);
        }
        const saved = `Length: ${size} [${type}]\nSaving to: ‘${file}’\n\n${file.padEnd(19).slice(0, 19)} 100%[===================>] ${String(size).padStart(7)}  --.-KB/s    in 0s      \n\n2026-12-06 09:00:00 (10.0 MB/s) - ‘${file}’ saved [${size}/${size}]\n\n`;
        return { stdout: '', stderr: quiet ? '' : log + saved, exitCode: 0 };
      }
      return fail(quiet ? '' : `${log}20 redirections exceeded.\n`, 8);
    },
  };
}

function connectionWhy(network: Network, address: string, port: number): string {
  const connection = network.connect(address, port);
  return !connection.ok && connection.why === 'unreachable' ? 'No route to host' : 'Connection refused';
}
