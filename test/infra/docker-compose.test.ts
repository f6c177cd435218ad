import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it, expect } from 'vitest';
import { parse } from 'yaml';

// No Docker engine runs where this suite runs, so docker-compose.yml is checked by reading it:
// every reference between services, their env and the repository has to line up.

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const COMPOSE_PATH = fileURLToPath(new URL('../../docker-compose.yml', import.meta.url));
const DOCKERFILE_PATH = fileURLToPath(new URL('../../Dockerfile', import.meta.url));
const DOCKERIGNORE_PATH = fileURLToPath(new URL('../../.dockerignore', import.meta.url));
const PACKAGE_JSON_PATH = fileURLToPath(new URL('../../package.json', import.meta.url));
const SEARCH_ATTRIBUTES_MODULE = fileURLToPath(new URL('../../infra/search-attributes.ts', import.meta.url));

type EnvValue = string | number | boolean | null;
type PortEntry = string | number | { target: number | string; published?: number | string };
type VolumeEntry = string | { type?: string; source?: string; target: string };
type DependsOn = string[] | Record<string, { condition?: string; required?: boolean }>;

interface Service {
  image?: string;
  build?: string | { context?: string; dockerfile?: string };
  command?: string | string[];
  entrypoint?: string | string[];
  environment?: Record<string, EnvValue> | string[];
  depends_on?: DependsOn;
  ports?: PortEntry[];
  expose?: (string | number)[];
  volumes?: VolumeEntry[];
  healthcheck?: { test?: string | string[]; disable?: boolean };
  restart?: string;
}

interface ComposeFile {
  services: Record<string, Service>;
  volumes?: Record<string, unknown> | null;
}

// Compose resolves YAML merge keys (`<<: *anchor`); the `yaml` package does so only when asked.
const compose = parse(readFileSync(COMPOSE_PATH, 'utf8'), { merge: true }) as ComposeFile;
const services = compose.services;

const REQUIRED_SERVICES = [
  'postgres',
  'temporal',
  'temporal-search-attributes',
  'temporal-ui',
  'migrate',
  'worker',
  'api',
  'mailpit',
] as const;
const APP_SERVICES = ['migrate', 'worker', 'api'] as const;
const DEPENDS_ON_CONDITIONS = ['service_started', 'service_healthy', 'service_completed_successfully'];
// `temporal operator search-attribute create --type` values.
const TEMPORAL_CLI_TYPES = ['Text', 'Keyword', 'Int', 'Double', 'Bool', 'Datetime', 'KeywordList'];
// @temporalio/common SearchAttributeType -> CLI spelling.
const SDK_TO_CLI_TYPE: Record<string, string> = {
  TEXT: 'Text',
  KEYWORD: 'Keyword',
  INT: 'Int',
  DOUBLE: 'Double',
  BOOL: 'Bool',
  DATETIME: 'Datetime',
  KEYWORD_LIST: 'KeywordList',
};

function service(name: string): Service {
  const found = services[name];
  if (found === undefined) throw new Error(`docker-compose.yml has no service "${name}"`);
  return found;
}

function envOf(name: string): Record<string, string> {
  const raw = service(name).environment ?? {};
  const entries: [string, string][] = Array.isArray(raw)
    ? raw.map((item) => {
        const at = item.indexOf('=');
        return at < 0 ? [item, ''] : [item.slice(0, at), item.slice(at + 1)];
      })
    : Object.entries(raw).map(([key, value]) => [key, value === null ? '' : String(value)]);
  return Object.fromEntries(entries);
}

function envVar(name: string, key: string): string {
  const value = envOf(name)[key];
  if (value === undefined || value === '') throw new Error(`service "${name}" does not set ${key}`);
  return value;
}

function dependsOn(name: string): Record<string, string> {
  const raw = service(name).depends_on ?? [];
  if (Array.isArray(raw)) return Object.fromEntries(raw.map((target) => [target, 'service_started']));
  return Object.fromEntries(Object.entries(raw).map(([target, spec]) => [target, spec.condition ?? 'service_started']));
}

// Container-side ports a service listens on, as far as the compose file says.
function containerPorts(name: string): number[] {
  const svc = service(name);
  const ports = (svc.ports ?? []).map((entry) => {
    if (typeof entry === 'object') return Number(entry.target);
    const spec = String(entry).split('/')[0] ?? '';
    return Number(spec.split(':').at(-1));
  });
  const exposed = (svc.expose ?? []).map((entry) => Number(String(entry).split('/')[0]));
  return [...ports, ...exposed];
}

// Container-side ports that are also published on the host.
function publishedContainerPorts(name: string): number[] {
  return (service(name).ports ?? []).flatMap((entry) => {
    if (typeof entry === 'object') return entry.published === undefined ? [] : [Number(entry.target)];
    const parts = (String(entry).split('/')[0] ?? '').split(':');
    return parts.length >= 2 ? [Number(parts.at(-1))] : [];
  });
}

interface Mount {
  volume: string | undefined; // named volume, undefined for bind mounts and anonymous volumes
  target: string;
}

function mounts(name: string): Mount[] {
  return (service(name).volumes ?? []).map((entry) => {
    if (typeof entry === 'object') {
      const named = (entry.type ?? 'volume') === 'volume' && entry.source !== undefined;
      return { volume: named ? entry.source : undefined, target: entry.target };
    }
    const parts = entry.split(':');
    if (parts.length === 1) return { volume: undefined, target: parts[0] ?? '' };
    const source = parts[0] ?? '';
    const isPath = /^[./~]/.test(source) || source.includes('/');
    return { volume: isPath ? undefined : source, target: parts[1] ?? '' };
  });
}

function commandArgs(name: string): string[] {
  const command = service(name).command;
  if (command === undefined) return [];
  return Array.isArray(command) ? command : command.trim().split(/\s+/);
}

function hostAndPort(address: string): { host: string; port: number } {
  const at = address.lastIndexOf(':');
  expect(at, `"${address}" should be host:port`).toBeGreaterThan(0);
  return { host: address.slice(0, at), port: Number(address.slice(at + 1)) };
}

function healthcheckText(name: string): string {
  const test = service(name).healthcheck?.test;
  return Array.isArray(test) ? test.join(' ') : (test ?? '');
}

function searchAttributeSpecs(): { name: string; type: string }[] {
  return envVar('temporal-search-attributes', 'SEARCH_ATTRIBUTES')
    .trim()
    .split(/\s+/)
    .map((spec) => {
      const [name = '', type = ''] = spec.split('=');
      return { name, type };
    });
}

describe('docker-compose.yml', () => {
  it('defines every service of the stack', () => {
    expect(Object.keys(services)).toEqual(expect.arrayContaining([...REQUIRED_SERVICES]));
  });

  it('pins every pulled image to a version tag', () => {
    for (const [name, svc] of Object.entries(services)) {
      if (svc.build !== undefined) continue;
      expect(svc.image, `service "${name}" has neither image nor build`).toBeTypeOf('string');
      const tag = (svc.image ?? '').split('/').at(-1)?.split(':')[1];
      expect(tag, `image of "${name}" has no tag`).toBeDefined();
      expect(tag, `image of "${name}" floats on latest`).not.toBe('latest');
      expect(tag, `image of "${name}" should name a version`).toMatch(/\d/);
    }
  });

  it('depends only on services that exist, with valid conditions that the targets can satisfy', () => {
    for (const name of Object.keys(services)) {
      for (const [target, condition] of Object.entries(dependsOn(name))) {
        expect(services, `"${name}" depends on unknown service "${target}"`).toHaveProperty([target]);
        expect(DEPENDS_ON_CONDITIONS, `"${name}" -> "${target}"`).toContain(condition);
        const dependency = service(target);
        if (condition === 'service_healthy') {
          expect(dependency.healthcheck?.test, `"${target}" needs a healthcheck for "${name}"`).toBeDefined();
          expect(dependency.healthcheck?.disable ?? false).toBe(false);
        }
        if (condition === 'service_completed_successfully') {
          // A job that restarts forever never "completes"; one that exits must not be restarted.
          expect(['always', 'unless-stopped'], `"${target}" must be a one-shot job`).not.toContain(dependency.restart ?? 'no');
        }
      }
    }
  });

  it('has no dependency cycles', () => {
    const state = new Map<string, 'visiting' | 'done'>();
    const visit = (name: string, path: string[]): void => {
      if (state.get(name) === 'done') return;
      expect(state.get(name), `cycle: ${[...path, name].join(' -> ')}`).not.toBe('visiting');
      state.set(name, 'visiting');
      for (const target of Object.keys(dependsOn(name))) visit(target, [...path, name]);
      state.set(name, 'done');
    };
    for (const name of Object.keys(services)) visit(name, []);
  });

  it('starts each service only once what it needs is ready', () => {
    expect(dependsOn('temporal')).toMatchObject({ postgres: 'service_healthy' });
    expect(dependsOn('temporal-search-attributes')).toMatchObject({ temporal: 'service_healthy' });
    expect(dependsOn('temporal-ui')).toHaveProperty('temporal');
    expect(dependsOn('migrate')).toMatchObject({ postgres: 'service_healthy' });
    expect(dependsOn('worker')).toMatchObject({
      migrate: 'service_completed_successfully',
      'temporal-search-attributes': 'service_completed_successfully',
    });
    expect(dependsOn('api')).toMatchObject({
      migrate: 'service_completed_successfully',
      temporal: 'service_healthy',
    });
  });

  it('points every app service at the postgres service with its own credentials', () => {
    const urls = APP_SERVICES.map((name) => envVar(name, 'DATABASE_URL'));
    expect(new Set(urls).size, `DATABASE_URL differs between ${APP_SERVICES.join(', ')}`).toBe(1);

    const url = new URL(urls[0] ?? '');
    expect(url.protocol).toMatch(/^postgres(ql)?:$/);
    expect(services).toHaveProperty([url.hostname]);
    expect(url.hostname).toBe('postgres');
    expect(Number(url.port || 5432)).toBe(5432);

    const pg = envOf('postgres');
    expect(decodeURIComponent(url.username)).toBe(pg.POSTGRES_USER);
    expect(decodeURIComponent(url.password)).toBe(pg.POSTGRES_PASSWORD);
    expect(decodeURIComponent(url.pathname.slice(1))).toBe(pg.POSTGRES_DB);
  });

  it('gives postgres a persistent volume and a pg_isready healthcheck', () => {
    expect(mounts('postgres')).toContainEqual({
      volume: expect.any(String),
      target: '/var/lib/postgresql/data',
    });
    expect(healthcheckText('postgres')).toContain('pg_isready');
  });

  it('stores Temporal in the postgres service with the same credentials', () => {
    const temporal = envOf('temporal');
    const pg = envOf('postgres');
    expect(temporal.DB).toBe('postgres12');
    expect(temporal.POSTGRES_SEEDS).toBe('postgres');
    expect(services).toHaveProperty([temporal.POSTGRES_SEEDS ?? '']);
    expect(Number(temporal.DB_PORT)).toBe(5432);
    expect(temporal.POSTGRES_USER).toBe(pg.POSTGRES_USER);
    expect(temporal.POSTGRES_PWD).toBe(pg.POSTGRES_PASSWORD);
  });

  it('points every Temporal client at the temporal service on a port it publishes', () => {
    const clients = ['worker', 'api', 'temporal-ui', 'temporal-search-attributes'];
    const addresses = clients.map((name) => envVar(name, 'TEMPORAL_ADDRESS'));
    expect(new Set(addresses).size, `TEMPORAL_ADDRESS differs between ${clients.join(', ')}`).toBe(1);

    const { host, port } = hostAndPort(addresses[0] ?? '');
    expect(host).toBe('temporal');
    expect(services).toHaveProperty([host]);
    expect(containerPorts('temporal')).toContain(port);
    expect(publishedContainerPorts('temporal')).toContain(port);
    // The healthcheck must probe the same frontend the clients use.
    expect(healthcheckText('temporal')).toContain(addresses[0]);
  });

  it('publishes the Temporal UI on 8233', () => {
    expect(service('temporal-ui').ports?.map(String)).toContain('8233:8080');
  });

  it('issue 17: the Temporal UI decrypts payloads through the API codec endpoint, which admits the UI origin', () => {
    const endpoint = new URL(envVar('temporal-ui', 'TEMPORAL_CODEC_ENDPOINT'));
    expect(endpoint.pathname).toBe('/v1/temporal-codec');
    expect(endpoint.origin).toBe(new URL(envVar('api', 'PUBLIC_BASE_URL')).origin);
    expect(envVar('temporal-ui', 'TEMPORAL_CODEC_INCLUDE_CREDENTIALS')).toBe('true');
    expect(envVar('api', 'TEMPORAL_UI_ORIGIN')).toBe('http://localhost:8233');
  });

  it('sends mail to the mailpit service on a port it listens on', () => {
    const urls = ['worker', 'api'].map((name) => envVar(name, 'SMTP_URL'));
    expect(new Set(urls).size).toBe(1);
    const url = new URL(urls[0] ?? '');
    expect(url.protocol).toBe('smtp:');
    expect(url.hostname).toBe('mailpit');
    expect(containerPorts('mailpit')).toContain(Number(url.port));
    expect(publishedContainerPorts('mailpit')).toEqual(expect.arrayContaining([1025, 8025]));
  });

  it('shares one uploads volume between worker and api at STORAGE_DIR', () => {
    const dirs = ['worker', 'api'].map((name) => envVar(name, 'STORAGE_DIR'));
    expect(new Set(dirs).size).toBe(1);
    const volumes = ['worker', 'api'].map((name) => mounts(name).find((mount) => mount.target === dirs[0])?.volume);
    expect(volumes[0], `worker mounts no named volume at ${dirs[0]}`).toBeDefined();
    expect(volumes[1]).toBe(volumes[0]);
  });

  it('declares every named volume that a service mounts', () => {
    const declared = Object.keys(compose.volumes ?? {});
    for (const name of Object.keys(services)) {
      for (const mount of mounts(name)) {
        if (mount.volume !== undefined) expect(declared, `volume of "${name}"`).toContain(mount.volume);
      }
    }
  });

  it('builds app services from a directory that holds their Dockerfile', () => {
    for (const name of APP_SERVICES) {
      const build = service(name).build;
      expect(build, `"${name}" should be built from the project`).toBeDefined();
      const context = typeof build === 'string' ? build : (build?.context ?? '.');
      const dockerfile = typeof build === 'string' ? 'Dockerfile' : (build?.dockerfile ?? 'Dockerfile');
      const contextDir = resolve(ROOT, context);
      expect(existsSync(contextDir) && statSync(contextDir).isDirectory(), `context of "${name}"`).toBe(true);
      expect(existsSync(join(contextDir, dockerfile)), `${dockerfile} in ${contextDir}`).toBe(true);
    }
  });

  it('runs app entry points that exist in the repository through tsx', () => {
    const pkg = JSON.parse(readFileSync(PACKAGE_JSON_PATH, 'utf8')) as {
      dependencies?: Record<string, string>;
      devDependencies?: Record<string, string>;
    };
    expect({ ...pkg.devDependencies, ...pkg.dependencies }).toHaveProperty(['tsx']);
    const expected = { migrate: 'infra/migrate-cli.ts', worker: 'worker/main.ts', api: 'api/server.ts' };
    for (const [name, entry] of Object.entries(expected)) {
      const args = commandArgs(name);
      expect(args, `command of "${name}"`).toEqual(['node_modules/.bin/tsx', entry]);
      expect(existsSync(join(ROOT, entry)), `${entry} (command of "${name}") does not exist`).toBe(true);
    }
  });

  it('requires JWT_SECRET and PAYLOAD_KEYS from the environment for every service that loads the config', () => {
    for (const name of ['worker', 'api']) {
      expect(envVar(name, 'JWT_SECRET')).toMatch(/^\$\{JWT_SECRET:\?[^}]*\}$/);
      expect(envVar(name, 'PAYLOAD_KEYS')).toMatch(/^\$\{PAYLOAD_KEYS:\?[^}]*\}$/);
    }
  });

  it('serves the api on its published PORT and health-checks /readyz there', () => {
    const env = envOf('api');
    expect(env.HOST).toBe('0.0.0.0');
    const port = Number(env.PORT);
    expect(publishedContainerPorts('api')).toContain(port);
    expect(new URL(env.PUBLIC_BASE_URL ?? '').port).toBe(String(port));
    // The worker writes the links in e-mails; they must lead to the same API.
    expect(envVar('worker', 'PUBLIC_BASE_URL')).toBe(env.PUBLIC_BASE_URL);
    const probe = healthcheckText('api');
    expect(probe).toMatch(new RegExp(`http://(localhost|127\\.0\\.0\\.1):${port}/readyz`));
    expect(probe, 'the app image has no curl or wget').toMatch(/\bnode\b/);
  });

  it('registers search attributes with valid types in the one-shot job', () => {
    const specs = searchAttributeSpecs();
    expect(specs.length).toBeGreaterThan(0);
    for (const { name, type } of specs) {
      expect(name).toMatch(/^[A-Za-z][A-Za-z0-9_]*$/);
      expect(TEMPORAL_CLI_TYPES, `type of ${name}`).toContain(type);
    }
    const script = commandArgs('temporal-search-attributes').join('\n');
    expect(script).toContain('temporal operator search-attribute create');
    expect(script).toContain('SEARCH_ATTRIBUTES');
    expect(script, 'a re-run must not fail on attributes that exist').toMatch(/already exists/i);
  });

  it.skipIf(!existsSync(SEARCH_ATTRIBUTES_MODULE))(
    'registers every search attribute the workflows use (infra/search-attributes.ts)',
    async () => {
      const module = (await import(SEARCH_ATTRIBUTES_MODULE)) as {
        SEARCH_ATTRIBUTE_NAMES: readonly string[];
        SEARCH_ATTRIBUTES?: readonly { name: string; type: string }[];
      };
      const registered = new Map(searchAttributeSpecs().map(({ name, type }) => [name, type]));
      expect(module.SEARCH_ATTRIBUTE_NAMES.length).toBeGreaterThan(0);
      for (const name of module.SEARCH_ATTRIBUTE_NAMES) {
        expect([...registered.keys()], `search attribute ${name} is not registered by compose`).toContain(name);
      }
      for (const key of module.SEARCH_ATTRIBUTES ?? []) {
        expect(registered.get(key.name), `type of ${key.name}`).toBe(SDK_TO_CLI_TYPE[key.type]);
      }
    },
  );
});

describe('Dockerfile', () => {
  const dockerfile = readFileSync(DOCKERFILE_PATH, 'utf8');
  const instructions = dockerfile
    .replace(/\\\r?\n/g, ' ')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));

  it('builds on Node 24', () => {
    const from = instructions.filter((line) => /^FROM\s/i.test(line));
    expect(from.length).toBeGreaterThan(0);
    for (const line of from) expect(line).toMatch(/^FROM\s+(--platform=\S+\s+)?node:24([.-]\S*)?(\s|$)/i);
  });

  it('does not run as root', () => {
    const users = instructions.filter((line) => /^USER\s/i.test(line));
    expect(users.length, 'no USER line: the container would run as root').toBeGreaterThan(0);
    const finalUser = (users.at(-1) ?? '').split(/\s+/)[1]?.split(':')[0];
    expect(['root', '0']).not.toContain(finalUser);
  });

  it('installs devDependencies before NODE_ENV=production and generates the Prisma client', () => {
    const npmCi = instructions.findIndex((line) => /^RUN\s.*\bnpm ci\b/i.test(line));
    const nodeEnv = instructions.findIndex((line) => /^ENV\s+NODE_ENV[=\s]+production\b/i.test(line));
    const generate = instructions.findIndex((line) => /^RUN\s.*prisma generate\b/i.test(line));
    expect(npmCi).toBeGreaterThanOrEqual(0);
    expect(instructions[npmCi]).not.toMatch(/--omit[= ]dev|--production/);
    expect(nodeEnv, 'NODE_ENV=production before npm ci would skip prisma and other dev tools').toBeGreaterThan(npmCi);
    expect(generate).toBeGreaterThan(npmCi);
  });

  it('defaults to the api entry point', () => {
    const cmd = instructions.filter((line) => /^CMD\s/i.test(line)).at(-1) ?? '';
    expect(cmd).toContain('api/server.ts');
    expect(existsSync(join(ROOT, 'api/server.ts')), 'api/server.ts does not exist').toBe(true);
  });

  it('keeps host installs and local state out of the build context', () => {
    const ignored = readFileSync(DOCKERIGNORE_PATH, 'utf8')
      .split(/\r?\n/)
      .map((line) => line.trim().replace(/^\/+|\/+$/g, ''));
    expect(ignored).toEqual(expect.arrayContaining(['node_modules', 'generated', '.git', '.env']));
  });
});
