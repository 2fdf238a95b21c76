/**
 * Import boundaries (decision 027), checked by `npm run lint:boundaries` (scripts/check-boundaries.ts,
 * which also checks that no new cycle appears between feature folders). The known exceptions are
 * listed below, each with its reason: the rules bite for every other file.
 */
const FOREIGN_ROUTES = '^src/server/[^/]+/.+[.]routes[.]tsx?$';

module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment:
        'src/domain is pure TypeScript: it imports nothing of the server, the UI or the CLI.',
      severity: 'error',
      from: { path: '^src/domain/' },
      to: { path: '^src/(server|ui|cli)/' },
    },
    {
      // No known exceptions left: app.tsx (outside the feature folders) is the only importer of routes.
      name: 'no-foreign-routes',
      comment:
        "A feature never imports another feature's routes: share a service, policy or helper instead.",
      severity: 'error',
      from: { path: '^src/server/([^/]+)/' },
      to: { path: FOREIGN_ROUTES, pathNot: '^src/server/$1/' },
    },
    {
      name: 'no-foreign-queries',
      comment: "A feature calls another feature's service, never its queries (decision 026).",
      severity: 'error',
      from: {
        path: '^src/server/([^/]+)/',
        pathNot: '^src/server/escalation/escalation[.]service[.]ts$',
      },
      to: { path: '^src/server/[^/]+/.+[.]queries[.]ts$', pathNot: '^src/server/$1/' },
    },
    {
      // Known exception: the escalation ladder reads the latest risk assessment through risk.queries.ts;
      // it should ask a risk service.
      name: 'no-foreign-queries',
      comment: 'known exception: escalation.service.ts reads risk/risk.queries.ts',
      severity: 'error',
      from: { path: '^src/server/escalation/escalation[.]service[.]ts$' },
      to: {
        path: '^src/server/[^/]+/.+[.]queries[.]ts$',
        pathNot: '^src/server/(escalation|risk)/',
      },
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
