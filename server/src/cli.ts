/**
 * `pnpm causette agent add|list …` and `pnpm causette site add|list …`: administration without the console.
 * Uses the same configuration (DATA_DIR, DATABASE_URL) as the server.
 */
import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { AgentCreateBody, SiteCreateBody } from '@causette/shared';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { loadConfigOrExit } from './config.js';
import { DEFAULT_SITE_SETTINGS, bootstrap } from './domain/bootstrap.js';
import { hashPassword } from './domain/passwords.js';
import { createStore } from './store/create-store.js';
import { UniqueViolation, type Store } from './store/store.js';
import { describeInvalid } from './realtime/validate.js';

const USAGE = `Usage:
  pnpm causette agent add --email EMAIL --name NAME [--password PW] [--role agent|supervisor|marketer|admin] [--capacity N] [--site KEY ...]
  pnpm causette agent list
  pnpm causette site add --name NAME --origin https://shop.example [--origin ...]
  pnpm causette site list
  pnpm causette export --out FILE      every row of the configured store, as JSON lines
  pnpm causette import --in FILE       into the configured store, which must be empty (e.g. SQLite -> PostgreSQL)`;

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

function parse(args: string[]) {
  try {
    return parseArgs({
      args,
      options: {
        email: { type: 'string' },
        name: { type: 'string' },
        password: { type: 'string' },
        role: { type: 'string' },
        capacity: { type: 'string' },
        site: { type: 'string', multiple: true },
        origin: { type: 'string', multiple: true },
        out: { type: 'string' },
        in: { type: 'string' },
      },
    });
  } catch (err) {
    return fail(`${(err as Error).message}\n${USAGE}`);
  }
}

async function main(argv: string[]): Promise<void> {
  const [noun, ...tail] = argv;
  // `export` and `import` take no verb: `causette export --out FILE`.
  const [verb, ...rest] = noun === 'export' || noun === 'import' ? [undefined, ...tail] : tail;
  const { values } = parse(rest as string[]);
  const config = loadConfigOrExit();
  const store = await createStore(config);
  try {
    if (noun === 'export' || noun === 'import') return await transfer(store, noun, noun === 'export' ? values.out : values.in);
    const first = await bootstrap(store, { email: config.adminEmail, password: config.adminPassword });
    if (first.generatedPassword) process.stdout.write(`First start: admin ${first.adminEmail} created, password (shown once): ${first.generatedPassword}\n`);
    if (noun === 'agent' && verb === 'add') {
      const generated = values.password ? undefined : randomBytes(12).toString('base64url');
      const sites = await store.sites.list();
      const siteIds = values.site?.length
        ? values.site.map((key) => sites.find((s) => s.key === key)?.id ?? fail(`No site with key "${key}".`))
        : sites.map((s) => s.id);
      const input = {
        email: values.email,
        name: values.name,
        password: values.password ?? generated,
        ...(values.role ? { role: values.role } : {}),
        ...(values.capacity ? { capacity: Number(values.capacity) } : {}),
        siteIds,
      };
      const check = TypeCompiler.Compile(AgentCreateBody);
      if (!check.Check(input)) fail(`Invalid agent: ${describeInvalid(check, input)}\n${USAGE}`);
      const agent = await store.agents
        .create({ ...input, passwordHash: await hashPassword(input.password), role: input.role ?? 'agent', capacity: input.capacity ?? 3 })
        .catch((err) => (err instanceof UniqueViolation ? fail(`An agent with email ${input.email} exists already.`) : Promise.reject(err)));
      process.stdout.write(`Agent added: ${agent.email} (${agent.role}, capacity ${agent.capacity})\n`);
      if (generated) process.stdout.write(`Password (shown once): ${generated}\n`);
    } else if (noun === 'agent' && verb === 'list') {
      for (const a of await store.agents.list()) process.stdout.write(`${a.email}\t${a.name}\t${a.role}\t${a.disabled ? 'disabled' : 'active'}\n`);
    } else if (noun === 'site' && verb === 'add') {
      const input = { name: values.name, allowedOrigins: values.origin ?? [] };
      const check = TypeCompiler.Compile(SiteCreateBody);
      if (!check.Check(input)) fail(`Invalid site: ${describeInvalid(check, input)}\n${USAGE}`);
      const site = await store.sites.create({ ...input, key: randomBytes(9).toString('base64url'), settings: DEFAULT_SITE_SETTINGS });
      process.stdout.write(
        `Site added: ${site.name}\nEmbed it with:\n  <script>window.causette=window.causette||function(){(causette.q=causette.q||[]).push(arguments)}</script>\n  <script src="https://YOUR-CAUSETTE-HOST/widget.js" data-site="${site.key}" async></script>\n`,
      );
    } else if (noun === 'site' && verb === 'list') {
      for (const s of await store.sites.list()) process.stdout.write(`${s.key}\t${s.name}\t${s.allowedOrigins.join(' ')}\n`);
    } else {
      fail(USAGE);
    }
  } finally {
    await store.close();
  }
}

async function transfer(store: Store, direction: 'export' | 'import', file: string | undefined): Promise<void> {
  if (!file) fail(USAGE);
  if (direction === 'export') {
    const out = createWriteStream(file, { flags: 'wx', mode: 0o600 });
    let n = 0;
    for await (const entry of store.exportRows()) {
      if (!out.write(`${JSON.stringify(entry)}\n`)) await once(out, 'drain');
      n++;
    }
    out.end();
    await once(out, 'finish');
    process.stdout.write(`Exported ${n} rows to ${file}\n`);
    return;
  }
  if ((await store.sites.list()).length || (await store.agents.count())) fail('The target store is not empty; import only into a new database.');
  async function* rows() {
    // Created where it is read: readline drops lines emitted before iteration starts.
    for await (const line of createInterface({ input: createReadStream(file!), crlfDelay: Infinity })) {
      if (line.trim()) yield JSON.parse(line) as { table: string; row: Record<string, unknown> };
    }
  }
  process.stdout.write(`Imported ${await store.importRows(rows())} rows from ${file}\n`);
}

await main(process.argv.slice(2));
