/** Import boundaries (decision 027). `npm run lint:boundaries`; the known exceptions are listed below. */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment: 'src/domain is pure TypeScript: it imports nothing of the server, the UI or the CLI.',
      severity: 'error',
      from: { path: '^src/domain/' },
      to: { path: '^src/(server|ui|cli)/' },
    },
    {
      name: 'no-foreign-routes',
      comment: "A feature never imports another feature's routes: share a service, policy or helper instead.",
      severity: 'error',
      from: { path: '^src/server/([^/]+)/' },
      to: { path: '^src/server/[^/]+/.+[.]routes[.]tsx?$', pathNot: '^src/server/$1/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)node_modules/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js'] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
