/**
 * The layering (issue 26), checked by dependency-cruiser over events/ domain/ functions/ infra/ client/:
 *
 *   events/ ← domain/ ← functions/app/ ← functions/http/, functions/adapters/, the other functions
 *   ← functions/composition/ (the roots) ← infra/
 *
 * Type-only imports count (tsPreCompilationDeps). `test/dependency-rules.unit.spec.ts` cruises the repo with
 * this file and plants one violation of each rule (test/fixtures/dependency-rules/) to prove each one bites.
 *
 * @type {import('dependency-cruiser').IConfiguration}
 */
const SOURCE_FOLDERS = '^(events|domain|functions|infra|client)(/|$)';

module.exports = {
  forbidden: [
    {
      // A folder depends on another when one of its modules (or of its subfolders') imports a module of
      // the other; a parent never depends on its own subfolders. No waiver: a knot is untangled, not listed.
      name: 'no-folder-cycles',
      comment:
        'Source folders (events, domain/*, functions/*, infra/*, client) form no cycle, type-only imports ' +
        'included: layers and functions point one way.',
      severity: 'error',
      scope: 'folder',
      from: { path: SOURCE_FOLDERS },
      to: { circular: true },
    },
    {
      name: 'domain-is-pure',
      comment:
        'domain/ is the deciders and projections: it knows no function, no adapter, no infrastructure.',
      severity: 'error',
      from: { path: '^domain/' },
      to: { path: '^(functions|infra)/' },
    },
    {
      name: 'events-are-the-bottom',
      comment: 'events/ is the catalogue every layer reads: it imports no other layer.',
      severity: 'error',
      from: { path: '^events/' },
      to: { path: '^(domain|functions|infra)/' },
    },
    {
      name: 'app-knows-no-adapter-nor-http',
      comment:
        'The application layer (use cases, ports, the command service) is reached by HTTP and by the ' +
        'other functions; it sees adapters only through the ports it defines.',
      severity: 'error',
      from: { path: '^functions/app/' },
      to: { path: '^functions/(adapters|http)/' },
    },
    {
      name: 'http-knows-no-adapter',
      comment:
        'Routes and middleware talk to ports and application errors; the composition roots (and the entry ' +
        'modules beside them) hand them the adapters.',
      severity: 'error',
      from: { path: '^functions/http/' },
      to: { path: '^functions/adapters/' },
    },
    {
      name: 'ports-live-in-app',
      comment:
        'An adapter implements a port, and every port is defined in the application layer: an adapter takes ' +
        'its interfaces (and anything else) from functions/app/, domain/, events/, another adapter or a ' +
        'library, never from another function (reports/, audit/, http/, composition/...) nor the config.',
      severity: 'error',
      from: { path: '^functions/adapters/' },
      to: { path: '^functions/', pathNot: '^functions/(app|adapters)/' },
    },
    {
      name: 'functions-know-no-infra',
      comment:
        'functions/ is what is deployed; infra/ (the CDK app, the local runtime) builds on it, never the reverse.',
      severity: 'error',
      from: { path: '^functions/' },
      to: { path: '^infra/' },
    },
    {
      name: 'only-roots-import-http',
      comment:
        'Below functions/http nothing imports it: only the HTTP layer itself and the composition roots ' +
        '(with the HTTP entry modules beside them) do.',
      severity: 'error',
      from: { path: '^functions/', pathNot: '^functions/(http|composition)/' },
      to: { path: '^functions/http/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)node_modules/' },
    includeOnly: '^(events|domain|functions|infra|client)/',
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.d.ts', '.mts', '.js', '.mjs', '.cjs', '.json'],
    },
  },
};
