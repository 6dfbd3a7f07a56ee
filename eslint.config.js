// Lint: TypeScript rules everywhere, Lit and web-component rules for the elements.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import lit from 'eslint-plugin-lit';
import wc from 'eslint-plugin-wc';
import globals from 'globals';

/*
 * Package boundaries. Packages import each other by name through their entry points (`@lta/labs`, `@lta/labs/rules`, `@lta/curriculum`,
 * `@lta/shell`, `@lta/shell/keys`, `@lta/host` and the host's tool entry points `@lta/host/{engine,protocol,durability,backup}`),
 * never a file inside another package's folder. The widgets (`src/`) never import the module or the host; the
 * module imports nothing but `spacetimedb` and the shared packages, so it publishes unchanged to SpacetimeDB.
 */
const packageReach = [
  {
    regex: '^(\\.\\./)+(labs|curriculum|shell|module|host)/src/',
    message: 'Import another package by its name (@lta/labs, @lta/shell, …), not a file in its folder.',
  },
  {
    regex: '^@lta/(labs/(?!rules$)|curriculum/|shell/(?!keys$)|module/)',
    message:
      'Import the package through its entry points (@lta/labs, @lta/labs/rules, @lta/shell, @lta/shell/keys), not a file inside it.',
  },
  {
    regex: '^@lta/host/(?!(engine|protocol|durability|backup)$)',
    message:
      'Import the host through @lta/host or one of its tool entry points (engine, protocol, durability, backup).',
  },
];
const widgetReach = [
  {
    regex: '^@lta/(module|host)(/|$)',
    message:
      'Widgets talk to the module through the generated bindings (src/bindings), never import the module or the host.',
  },
  {
    regex: '^(\\.\\./)+(module|host)/src/',
    message:
      'Widgets talk to the module through the generated bindings (src/bindings), never import the module or the host.',
  },
];
// Reactive properties are declared in `static properties` (see src/internal/lta-element.ts): decorators' calls and
// Lit's decorator code would cost every page 0.7 KB gzip.
const noDecorators = [
  {
    regex: '^lit/decorators',
    message:
      'Declare reactive properties in `static properties` (see LtaElement): decorators cost every page 0.7 KB gzip.',
  },
];
const moduleReach = [
  {
    regex: '^(?!\\.|spacetimedb(/server)?$|@lta/(labs|curriculum)$)',
    message:
      'The module imports only spacetimedb and the shared packages (@lta/labs, @lta/curriculum): it must publish unchanged with `spacetime publish`.',
  },
];
const boundaries = (...groups) => ({ 'no-restricted-imports': ['error', { patterns: groups.flat() }] });

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      'dist/**',
      'storybook-static/**',
      'coverage/**',
      'custom-elements.json',
      'src/bindings/**',
      'host/test/fixtures/*/bindings/**',
      'host/test/conformance/modules/*/bindings/**',
      '.lta-data/**',
      '.tmp/**',
      'host/test/fixtures/**/dist/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  { rules: boundaries(packageReach) },
  { files: ['src/**/*.ts'], rules: boundaries(packageReach, widgetReach, noDecorators) },
  { files: ['module/src/**/*.ts'], rules: boundaries(packageReach, moduleReach) },
  {
    files: ['**/*.js', '**/*.mjs'],
    rules: { '@typescript-eslint/consistent-type-imports': 'off' },
  },
  {
    files: ['src/**/*.ts', 'stories/**/*.ts'],
    ...lit.configs['flat/recommended'],
  },
  {
    files: ['src/**/*.ts'],
    ...wc.configs['flat/recommended'],
  },
  // Elements have parts with one job each (issue 17): a file of 300 lines or more is doing several; split it into
  // parts in its folder, as chat/ and terminal/ are.
  {
    files: ['src/components/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: { 'max-lines': ['error', { max: 299 }] },
  },
);
