// Lint: typescript-eslint's recommended rules, plus the project's own boundaries.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', fetch: 'readonly', AbortController: 'readonly', AbortSignal: 'readonly', TextEncoder: 'readonly', TextDecoder: 'readonly', structuredClone: 'readonly', setImmediate: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    // Tests read JSON answers loosely.
    files: ['test/**/*.ts', 'src/**/*.test.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // Configuration is validated once; nothing else reads the environment (architecture.md §7).
    files: ['src/**/*.ts'],
    ignores: ['src/config/**'],
    rules: {
      'no-restricted-syntax': ['error', { selector: "MemberExpression[object.name='process'][property.name='env']", message: 'Read settings through src/config, not process.env.' }],
    },
  },
  {
    // The domain is pure: no I/O, no clock, no environment, and it imports nothing but the domain
    // (ports and adapters depend on the domain, never the other way round).
    files: ['src/domain/**/*.ts'],
    ignores: ['src/domain/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['node:fs', 'node:fs/*', 'node:http', 'node:https', 'node:net', 'node:child_process', 'node:os'], message: 'The domain does no I/O.' },
          { regex: '^(\\.\\./)+(ports|adapters|flows|engine|app|http|cli|config|demo|reports|simulator)/', message: 'The domain imports only the domain: move the type it needs into src/domain.' },
        ],
      }],
      'no-restricted-syntax': ['error',
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'The domain takes time as an argument.' },
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'The domain takes time as an argument.' },
        { selector: "MemberExpression[object.name='process'][property.name='env']", message: 'The domain reads no environment.' }],
    },
  },
  {
    // Demo and test tooling (seeders, the commercetools-mock server, the report generator) stays out of
    // the product: nothing that `start` runs may import it.
    files: ['src/{adapters,app,engine,flows,http,ports,reports,config}/**/*.ts'],
    ignores: ['src/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { regex: '(^|/)demo/', message: 'Product code never imports demo tooling (src/demo).' },
          { group: ['@labdigital/commercetools-mock', '@labdigital/commercetools-mock/*'], message: 'commercetools-mock is demo and test tooling only.' },
        ],
      }],
    },
  },
);
