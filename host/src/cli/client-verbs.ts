/**
 * `lta-host publish | call | sql | logs | generate | delete`: the `spacetime` CLI verbs a developer uses locally, against a running
 * host over its HTTP API (so they work the same against SpacetimeDB's routes). The token is `--token`, else the
 * publisher's token saved in the data directory (`--data`), so the owner's verbs work without one.
 */
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { generateBindingsFor, writeBindings } from '../codegen/index.js';
import { bundleModule } from '../engine/bundle-module.js';
import type { JsonNumber, JsonTree } from '../update/json-text.js';
import { readJson, sqlTable } from './sql-table.js';

export const CLIENT_VERBS_USAGE = [
  'lta-host publish <database> [--module module] [--clear-database]',
  'lta-host call <database> <reducer-or-procedure> [<json-arg>...]',
  'lta-host sql <database> <query>',
  'lta-host logs <database> [-n <lines>] [--follow]',
  'lta-host generate [--module module] [--out src/bindings]',
  'lta-host delete <database>',
  '  (publish, call, sql, logs and delete take --server http://localhost:3000, --token <jwt> or --data <dir> for the publisher token)',
].join('\n');

const VERBS = new Set(['publish', 'call', 'sql', 'logs', 'generate', 'delete']);

/** A verb's refusal of its arguments or the host's error answer: printed, exit code 1 (2 for usage). */
export class VerbError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

/** Runs `argv` when it starts with a verb; returns false (doing nothing) otherwise. */
export async function runClientVerb(argv: string[], out: (text: string) => void): Promise<boolean> {
  const [verb, ...rest] = argv;
  if (verb === undefined || !VERBS.has(verb)) return false;
  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      allowPositionals: true,
      options: {
        server: { type: 'string', default: 'http://localhost:3000' },
        token: { type: 'string' },
        data: { type: 'string', default: '.lta-data' },
        n: { type: 'string', short: 'n' },
        follow: { type: 'boolean', short: 'f', default: false },
        module: { type: 'string', default: 'module' },
        out: { type: 'string', default: 'src/bindings' },
        'clear-database': { type: 'boolean', default: false },
      },
    });
  } catch (error) {
    throw new VerbError(`${(error as Error).message}\n${CLIENT_VERBS_USAGE}`, 2);
  }
  const { values, positionals } = parsed;
  if (verb === 'generate') {
    const files = await generateBindingsFor(values.module);
    await writeBindings(files, values.out);
    out(`Wrote ${files.length} files to ${values.out}.\n`);
    return true;
  }
  const [database, ...args] = positionals;
  if (database === undefined)
    throw new VerbError(`${verb} needs a database name or identity\n${CLIENT_VERBS_USAGE}`, 2);
  const token =
    values.token ??
    (await readFile(join(resolve(values.data), 'keys', 'publisher-token'), 'utf8').catch(() => undefined))?.trim();
  const request = (path: string, init: RequestInit = {}) =>
    fetch(`${values.server.replace(/\/$/, '')}/v1/database/${encodeURIComponent(database)}${path}`, {
      ...init,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), 'content-type': 'application/json' },
    });
  if (verb === 'publish') {
    await publish(values.module, values['clear-database'], request, out);
  } else if (verb === 'delete') {
    await answered(await request('', { method: 'DELETE' }));
    out(`Deleted database ${database}.\n`);
  } else if (verb === 'call') {
    const [name, ...jsonArgs] = args;
    if (name === undefined) throw new VerbError(`call needs a reducer or procedure name\n${CLIENT_VERBS_USAGE}`, 2);
    const parsedArgs = jsonArgs.map((arg) => {
      try {
        return JSON.parse(arg) as unknown;
      } catch {
        throw new VerbError(`argument ${arg} is not JSON (write strings as '"text"')`, 2);
      }
    });
    const body = await answered(
      await request(`/call/${encodeURIComponent(name)}`, { method: 'POST', body: JSON.stringify(parsedArgs) }),
    );
    if (body !== '') out(`${body}\n`);
  } else if (verb === 'sql') {
    const query = args.join(' ');
    if (query.trim() === '') throw new VerbError(`sql needs a query\n${CLIENT_VERBS_USAGE}`, 2);
    const answer = await answered(await request('/sql', { method: 'POST', body: query }));
    const results = readJson(answer) as unknown as SqlResult[];
    for (const result of results) out(formatResult(result));
  } else {
    const query = new URLSearchParams();
    if (values.n !== undefined) query.set('num_lines', values.n);
    if (values.follow) query.set('follow', 'true');
    const response = await request(`/logs?${query}`);
    if (!response.ok || !response.body) await answered(response);
    const decoder = new TextDecoder();
    let pending = '';
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      pending += decoder.decode(chunk, { stream: true });
      const lines = pending.split('\n');
      pending = lines.pop()!;
      for (const line of lines) if (line !== '') out(`${formatLogLine(line)}\n`);
    }
  }
  return true;
}

/**
 * `spacetime publish`'s steps: build, ask what the update would change (`pre_publish`), stop when it needs a manual
 * migration unless told to clear the data, then upload the program.
 */
async function publish(
  moduleDir: string,
  clear: boolean,
  request: (path: string, init?: RequestInit) => Promise<Response>,
  out: (text: string) => void,
): Promise<void> {
  const { code } = await bundleModule(moduleDir);
  const upload = (path: string, query: string) =>
    request(`${path}?host_type=Js${query}`, { method: path === '' ? 'PUT' : 'POST', body: code });
  if (!clear) {
    out('Checking for breaking changes...\n');
    const plan = JSON.parse(await answered(await upload('/pre_publish', ''))) as PrePublishResult;
    if ('ManualMigrate' in plan) {
      throw new VerbError(
        `${plan.ManualMigrate.reason}\nAborting publish due to required manual migration (--clear-database deletes the data and publishes anew).`,
      );
    }
    out(`${plan.AutoMigrate.migrate_plan}\n`);
  }
  out('Publishing module...\n');
  const result = JSON.parse(await answered(await upload('', clear ? '&clear=true' : ''))) as PublishResult;
  const { domain, database_identity: identity } = result.Success;
  out(
    domain
      ? `Updated database with name: ${domain}, identity: ${identity}\n`
      : `Updated database with identity: ${identity}\n`,
  );
}

type PrePublishResult = { AutoMigrate: { migrate_plan: string } } | { ManualMigrate: { reason: string } };
interface PublishResult {
  Success: { domain: string | null; database_identity: string };
}

interface SqlResult {
  schema: { elements: unknown[] };
  rows: JsonTree[][];
  stats: { rows_inserted: JsonNumber; rows_deleted: JsonNumber; rows_updated: JsonNumber };
}

/** The body of a successful answer; the host's error text as a VerbError otherwise. */
async function answered(response: Response): Promise<string> {
  const text = await response.text();
  if (!response.ok) throw new VerbError(`${response.status} ${response.statusText}: ${text}`);
  return text;
}

/**
 * A query's rows in `spacetime sql`'s table; for INSERT, UPDATE and DELETE (no columns, where `spacetime sql` prints
 * an empty line) the rows they changed, in the words of `spacetime sql --interactive`'s counts.
 */
function formatResult(result: SqlResult): string {
  if (result.schema.elements.length > 0) return `${sqlTable(result as unknown as JsonTree)}\n`;
  const changed = [
    ['inserted', result.stats.rows_inserted.text],
    ['deleted', result.stats.rows_deleted.text],
    ['updated', result.stats.rows_updated.text],
  ].filter(([, n]) => n !== '0');
  return `${changed.length === 0 ? 'no rows changed' : changed.map(([what, n]) => `${what}: ${n}`).join(', ')}\n`;
}

/** One log record as `spacetime logs` prints it: time, level, message. */
function formatLogLine(line: string): string {
  try {
    const { ts, level, message } = JSON.parse(line) as { ts: number; level: string; message: string };
    return `${new Date(ts / 1000).toISOString()} ${level.toUpperCase().padStart(5)}: ${message}`;
  } catch {
    return line;
  }
}
