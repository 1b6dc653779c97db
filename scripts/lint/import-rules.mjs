// What may import what, across files: the layer table, pages kept apart, and no import cycles.
// dependency-cruiser checks it (`npm run lint` runs it after eslint; test/lint/import-rules.test.ts
// proves each rule bites). eslint.config.js keeps the per-file rules (no Node in shared/, no
// electron outside the window files); this file holds the rules that need the resolved import graph.

/**
 * The layers, each a folder and the layers it may import besides itself. A file in a folder that is in
 * no layer is not checked. A layer inside another (renderer/src/pages inside renderer) is held to both
 * rows: its own decides what it may import of its siblings, the outer one what it may import outside.
 * `isolated`: the folders directly inside it may not import one another (each page stands alone).
 * Adding a layer is adding a row; its name is what other rows' `mayImport` refer to.
 */
export const LAYERS = [
  { name: 'shared', folder: 'shared', mayImport: [] },
  { name: 'renderer', folder: 'renderer', mayImport: ['shared'] },
  { name: 'renderer-components', folder: 'renderer/src/components', mayImport: ['shared'] },
  { name: 'renderer-pages', folder: 'renderer/src/pages', mayImport: ['shared', 'renderer-components'], isolated: true },
  { name: 'core', folder: 'electron/core', mayImport: ['shared'] },
  // electron/core's own layers, from the bottom (ARCHITECTURE.md, "Layers of electron/core"). Rows marked
  // "upward" allow an edge that goes against the order and is still to be turned around.
  // upward: core-points, for converting an older cache's one-row-a-point table when the cache opens.
  { name: 'core-db', folder: 'electron/core/db', mayImport: ['shared', 'core-points'] },
  // upward: core-series-summary, for that conversion's summaries (convert-legacy-points.ts).
  { name: 'core-points', folder: 'electron/core/points', mayImport: ['shared', 'core-db', 'core-series-summary'] },
  { name: 'core-demo', folder: 'electron/core/demo', mayImport: ['shared'] },
  { name: 'core-store', folder: 'electron/core/store', mayImport: ['shared', 'core-db'] },
  // upward: core-sources, for the field mapping StoreAccessOptions carries beside the SSH settings.
  { name: 'core-config', folder: 'electron/core/config', mayImport: ['shared', 'core-db', 'core-store', 'core-demo', 'core-sources'] },
  { name: 'core-store-access', folder: 'electron/core/store-access', mayImport: ['shared', 'core-config'] },
  { name: 'core-sources', folder: 'electron/core/sources', mayImport: ['shared', 'core-db', 'core-store', 'core-store-access'] },
  // upward: core-series-summary and core-alerts, for the hooks sync/series-hooks.ts lists.
  { name: 'core-sync', folder: 'electron/core/sync', mayImport: ['shared', 'core-db', 'core-points', 'core-store', 'core-config', 'core-store-access', 'core-sources', 'core-series-summary', 'core-alerts'] },
  { name: 'core-series-summary', folder: 'electron/core/series-summary', mayImport: ['shared', 'core-db', 'core-points', 'core-store'] },
  { name: 'core-alerts', folder: 'electron/core/alerts', mayImport: ['shared', 'core-db', 'core-points', 'core-store', 'core-sync', 'core-series-summary'] },
  { name: 'core-queries', folder: 'electron/core/queries', mayImport: ['shared', 'core-db', 'core-points', 'core-store', 'core-sources', 'core-series-summary'] },
  { name: 'core-scaling', folder: 'electron/core/scaling', mayImport: ['shared', 'core-db', 'core-points', 'core-store', 'core-queries'] },
  { name: 'core-search', folder: 'electron/core/search', mayImport: ['shared', 'core-db', 'core-points', 'core-store', 'core-queries'] },
  { name: 'core-events', folder: 'electron/core/events', mayImport: ['shared', 'core-db', 'core-store', 'core-config', 'core-store-access', 'core-sources'] },
  {
    name: 'core-api',
    folder: 'electron/core/api',
    mayImport: ['shared', 'core-db', 'core-points', 'core-demo', 'core-store', 'core-config', 'core-store-access', 'core-sources', 'core-sync', 'core-series-summary', 'core-alerts', 'core-queries', 'core-scaling', 'core-search', 'core-events'],
  },
  {
    name: 'core-host',
    folder: 'electron/core/host',
    mayImport: ['shared', 'core-db', 'core-points', 'core-demo', 'core-store', 'core-config', 'core-store-access', 'core-sources', 'core-sync', 'core-series-summary', 'core-alerts', 'core-queries', 'core-scaling', 'core-search', 'core-events', 'core-api'],
  },
  { name: 'server', folder: 'electron/server', mayImport: ['shared', 'core'] },
  { name: 'team-client', folder: 'electron/team-client', mayImport: ['shared', 'core', 'server'] },
  { name: 'cli', folder: 'electron/cli', mayImport: ['shared', 'core', 'server'] },
  { name: 'main', folder: 'electron/main', mayImport: ['shared', 'core', 'team-client'] },
  { name: 'preload', folder: 'electron/preload', mayImport: ['shared'] },
];

/**
 * Import cycles let through, each as the set of files it passes through (a new cycle, even through the
 * same files, is still refused). Issue #17 removed electron/core's six; keep it empty.
 */
export const KNOWN_CYCLES = [];

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const pathOf = (layer) => `^${escape(layer.folder)}/`;
const nested = (a, b) => a.folder.startsWith(`${b.folder}/`) || b.folder.startsWith(`${a.folder}/`);

function layerRule(layer) {
  const unknown = layer.mayImport.filter((name) => !LAYERS.some((l) => l.name === name));
  if (unknown.length > 0) throw new Error(`scripts/lint/import-rules.mjs: layer "${layer.name}" may import unknown layer(s) ${unknown.join(', ')}`);
  // A layer allowed brings the layers inside it (cli may import core, so core's own layers too).
  const allowed = (other) => layer.mayImport.some((name) => name === other.name || other.folder.startsWith(`${LAYERS.find((l) => l.name === name).folder}/`));
  const refused = LAYERS.filter((other) => other !== layer && !nested(other, layer) && !allowed(other));
  if (refused.length === 0) return [];
  return [
    {
      name: `layer-${layer.name}`,
      comment: `${layer.folder}/ may import only ${layer.mayImport.length ? layer.mayImport.join(', ') : 'itself'} (scripts/lint/import-rules.mjs)`,
      severity: 'error',
      from: { path: pathOf(layer) },
      to: { path: refused.map(pathOf) },
    },
  ];
}

function isolationRule(layer) {
  if (!layer.isolated) return [];
  return [
    {
      name: `${layer.name}-stand-alone`,
      comment: `a folder in ${layer.folder}/ imports no other folder there: move what two of them share to a layer both may import`,
      severity: 'error',
      from: { path: `${pathOf(layer)}([^/]+)/` },
      to: { path: pathOf(layer), pathNot: `${pathOf(layer)}$1/` },
    },
  ];
}

const noCycles = {
  name: 'no-cycles',
  comment: 'an import cycle: break it by moving what both sides need into a module both import',
  severity: 'error',
  from: {},
  to: { circular: true },
};

export default {
  forbidden: [...LAYERS.flatMap(layerRule), ...LAYERS.flatMap(isolationRule), noCycles],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: 'node_modules' },
    // Type-only imports count: a cycle of types is still two files that cannot be understood apart.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    knownViolations: KNOWN_CYCLES.map((files) => ({
      type: 'cycle',
      from: files[0],
      to: files[1],
      rule: { name: noCycles.name, severity: 'error' },
      cycle: files.map((name) => ({ name, dependencyTypes: [] })),
      comment: 'issue #17: electron/core into feature modules',
    })),
  },
};
