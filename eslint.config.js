import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'test/fixtures/**'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: { allowDefaultProject: ['*.js', 'scripts/*.mjs'] } } },
    rules: {
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-confusing-void-expression': 'off',
    },
  },
  {
    // Spreading an array into arguments puts every element on the stack: a long one throws RangeError.
    // Each call that takes any number of arguments is listed; a fixed handful (address-policy's
    // prefixes) may still be spread into a function of linkvet's own.
    files: ['src/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.object.name='Math'] > SpreadElement",
          message: 'Spreading into Math.max/min overflows the stack on long arrays; use a loop or reduce.',
        },
        {
          selector: 'CallExpression[callee.property.name=/^(push|unshift|splice|concat)$/] > SpreadElement',
          message: 'Spreading into push/unshift/splice/concat overflows the stack on long arrays; use a loop.',
        },
        {
          selector: 'CallExpression[callee.property.name=/^fromC(harCode|odePoint)$/] > SpreadElement',
          message: 'Spreading into String.fromCharCode/fromCodePoint overflows the stack on long arrays.',
        },
        {
          selector: "CallExpression[callee.object.name='path'] > SpreadElement",
          message: 'Spreading path segments overflows the stack on a long path; join them first.',
        },
        {
          selector: "CallExpression[callee.property.name='apply'][arguments.length=2]",
          message: '`apply` with an argument list overflows the stack on long arrays; use a loop.',
        },
      ],
    },
  },
  {
    // The core is a library: it never reaches into its shells, never exits, never prints.
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/cli/**', '**/action/**', '@actions/*'], message: 'The core must not import the shells.' },
          ],
        },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'exit', message: 'The core returns results; the shells exit.' },
        { object: 'console', property: 'log', message: 'The core returns results; the shells print.' },
      ],
      'no-console': 'error',
    },
  },
  {
    // Shells use only the core's public index.
    files: ['src/cli/**/*.ts', 'src/action/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/core/*/**', '**/core/!(index).js'], message: 'Import the core through src/core/index.ts.' },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      // Keep disableTypeChecked's parserOptions (no project service), so scripts anywhere parse.
      ...tseslint.configs.disableTypeChecked.languageOptions,
      globals: { URL: 'readonly', process: 'readonly', console: 'readonly' },
    },
  },
);
