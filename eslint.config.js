// The lint half of the gate (decision 027): type-aware typescript-eslint over every TypeScript file
// the type check covers. Only rules that catch bugs or dead code; layout is Prettier's job and the
// import boundaries are dependency-cruiser's (.dependency-cruiser.cjs).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const REQUEST_CONTEXT_RULES = [
  {
    selector:
      "TSNonNullExpression > CallExpression[callee.object.name='c'][callee.property.name=/^(get|var)$/]",
    message: 'No non-null assertion on the request context: use signedInUser(c) or check it.',
  },
  {
    selector:
      "TSNonNullExpression > CallExpression[callee.object.object.name='c'][callee.property.name=/^(param|query|header)$/]",
    message: 'No non-null assertion on a request parameter: use idParam(c) or check it.',
  },
];

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'data/',
      'public/',
      'bench/results/',
      'test/fixtures/',
      '**/*.js',
      '**/*.cjs',
      '**/*.mjs',
    ],
  },
  {
    files: ['**/*.ts', '**/*.tsx'],
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // A promise nobody awaits loses its error (and in a route, its transaction): await it, return
      // it, or mark a deliberate fire-and-forget with `void`.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': [
        'error',
        { checksVoidReturn: { arguments: false, attributes: false } },
      ],
      // A non-null assertion on the request context (`c.get('user')!`, `c.req.param('id')!`) silences
      // the type checker exactly where a missing session or case would be a confidentiality bug:
      // use signedInUser(c) / idParam(c) (they fail closed). Elsewhere (`rows[0]!` after a count
      // check, tests) an assertion is a plain claim and stays allowed.
      '@typescript-eslint/no-non-null-assertion': 'off',
      'no-restricted-syntax': ['error', ...REQUEST_CONTEXT_RULES],
      // Matching control characters is what the input checks do (http/validation.ts, uploads, import).
      'no-control-regex': 'off',
      // No unused code (tsconfig's noUnusedLocals covers locals and imports; this covers arguments).
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrors: 'none',
          ignoreRestSiblings: true,
        },
      ],
      // TypeScript checks these better than ESLint can.
      'no-undef': 'off',
      'no-redeclare': 'off',
    },
  },
  {
    // Routes do not run SQL (decision 026): parse input, call a service (which may query), render.
    // Opening the transaction the service runs in stays the route's job.
    files: ['src/server/**/*.routes.ts', 'src/server/**/*.routes.tsx'],
    // Known exceptions when the rule came in: move their queries into their services.
    ignores: ['src/server/auth/two-factor.routes.tsx', 'src/server/urgent/urgent.routes.tsx'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector:
            'CallExpression[callee.property.name=/^(selectFrom|insertInto|updateTable|deleteFrom|replaceInto|mergeInto)$/]',
          message: 'No SQL in a routes file: put the query in the service (decision 026).',
        },
        ...REQUEST_CONTEXT_RULES,
      ],
    },
  },
  {
    // Configuration only through config.ts (parsed with zod, safe defaults): nothing else in the
    // server reads the environment, so one file lists every setting.
    files: ['src/server/**/*.ts', 'src/server/**/*.tsx'],
    ignores: ['src/server/config.ts', 'src/server/main.ts', '**/*.test.ts', '**/*.test.tsx'],
    rules: {
      'no-restricted-properties': [
        'error',
        {
          object: 'process',
          property: 'env',
          message: 'Read configuration through config.ts (readConfig), not process.env.',
        },
      ],
    },
  },
);
