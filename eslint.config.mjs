// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importCycles from './tools/boundaries/import-cycles.mjs';

// The dependency rule: libs/domain is pure. It may not reach for frameworks, I/O or the clock;
// time comes in with every input. `npm run boundaries` runs this with warnings as failures.
const forbiddenInDomain = [
  { group: ['@nestjs/*', '@nestjs/**'], message: 'libs/domain is pure: no NestJS.' },
  { group: ['pg', 'pg-*', 'kafkajs', '@electric-sql/*', 'pino', 'pino-*', 'prom-client', 'express'], message: 'libs/domain is pure: no I/O libraries.' },
  { group: ['node:*', 'fs', 'fs/*', 'net', 'http', 'https', 'child_process', 'worker_threads', 'os', 'dgram', 'dns', 'tls', 'process'], message: 'libs/domain is pure: no Node.js I/O modules.' },
  { group: ['@offramp/*', '**/apps/**', '../../*/src/**'], message: 'libs/domain depends on nothing else in the monorepo.' },
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'coverage/**', 'apps/dashboard/web/dist/**', 'bench/results/**', 'test-artifacts/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { console: 'readonly', process: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', Buffer: 'readonly', URL: 'readonly', fetch: 'readonly', __dirname: 'readonly', require: 'readonly', module: 'writable', setImmediate: 'readonly', AbortController: 'readonly', structuredClone: 'readonly', performance: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    files: ['libs/domain/**/*.ts'],
    plugins: { boundaries: importCycles },
    rules: {
      'boundaries/no-import-cycle': ['error', { root: 'libs/domain/src' }],
      'no-restricted-imports': ['error', { patterns: forbiddenInDomain }],
      'no-restricted-globals': ['error',
        { name: 'process', message: 'libs/domain is pure: configuration comes in as arguments.' },
        { name: 'performance', message: 'libs/domain is pure: no clock reads.' },
        { name: 'setTimeout', message: 'libs/domain is pure: timers are data, not callbacks.' },
        { name: 'setInterval', message: 'libs/domain is pure: timers are data, not callbacks.' },
        { name: 'fetch', message: 'libs/domain is pure: no I/O.' },
        { name: 'require', message: 'libs/domain is pure: use static imports.' },
      ],
      'no-restricted-syntax': ['error',
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'libs/domain is pure: no clock reads (Date.now). Time comes with the input.' },
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'libs/domain is pure: no clock reads (new Date()). Time comes with the input.' },
        { selector: "CallExpression[callee.name='Date'][arguments.length=0]", message: 'libs/domain is pure: no clock reads (Date()).' },
        { selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']", message: 'libs/domain is pure and deterministic: no Math.random.' },
        { selector: 'ImportExpression', message: 'libs/domain is pure: no dynamic imports.' },
        // The domain is typed from its catalogue: a double cast or an open record of unknowns hides a shape the schemas already give.
        { selector: "TSAsExpression[expression.type='TSAsExpression']", message: 'libs/domain is typed from its schemas: no double cast (as unknown as). Narrow by type, or parse.' },
        { selector: "TSAsExpression[typeAnnotation.type='TSUnknownKeyword']", message: 'libs/domain is typed from its schemas: no cast to unknown (as unknown as). Narrow by type, or parse.' },
        { selector: "TSIndexSignature[typeAnnotation.typeAnnotation.type='TSUnknownKeyword']", message: 'libs/domain is typed from its schemas: no [key: string]: unknown. Derive the type from its schema.' },
      ],
    },
  },
  {
    // Auth in one place: tokens are signed and verified only by libs/auth.
    files: ['apps/**/*.ts', 'libs/**/*.ts', 'tools/**/*.ts', 'test/**/*.ts', 'bench/**/*.ts'],
    ignores: ['libs/auth/**', 'libs/domain/**'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'jsonwebtoken', message: 'Tokens are signed and verified by @offramp/auth only.' }],
        patterns: [{ group: ['**/ops-api/src/auth/jwt-secret'], message: 'The JWT secret is loaded by @offramp/auth.' }],
      }],
    },
  },
  {
    // The dashboard bundles no server code: it reads the server's shapes as types only.
    files: ['apps/dashboard/web/src/**/*.ts', 'apps/dashboard/web/src/**/*.tsx'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: [{
        group: ['@offramp/*', '**/libs/**', '**/apps/*/src/**', '!**/apps/dashboard/web/src/**'],
        allowTypeImports: true,
        message: 'The dashboard bundles no server code: import the server\'s shapes with `import type` (api/shapes.ts).',
      }] }],
    },
  },
  {
    files: ['**/*.spec.ts', 'test/**/*.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
