// The one-way flow of the architecture as an ESLint rule: CSV → db → model → electron/main → contract →
// renderer (docs/ARCHITECTURE.md). Each folder may import only the folders listed for it; a relative import
// is resolved against the importing file, so depth and folder names inside a layer do not matter.
import path from 'node:path';

const ROOT = path.dirname(path.dirname(new URL(import.meta.url).pathname));

/** Who may import whom (longest folder prefix wins). Packages are not checked here: see eslint.config.js. */
export const LAYERS = {
  common: ['common'],
  db: ['db', 'common'],
  model: ['model', 'db', 'common'],
  demo: ['demo', 'model', 'db', 'common'],
  hq: ['hq', 'model', 'common'],
  cli: ['cli', 'hq', 'demo', 'model', 'db', 'common'],
  'electron/shared': ['electron/shared', 'common'],
  'electron/preload': ['electron/preload', 'electron/shared', 'common'],
  'electron/main': ['electron/main', 'electron/shared', 'demo', 'model', 'db', 'common'],
  'electron/preview': ['electron/preview', 'electron/main', 'electron/shared', 'demo', 'model', 'db', 'common'],
  renderer: ['renderer', 'electron/shared', 'common'],
  build: ['build', 'electron', 'model', 'db', 'common'],
  bench: ['bench', 'cli', 'hq', 'demo', 'model', 'db', 'electron/main', 'electron/preview', 'electron/shared', 'common'],
};

/** The layer a repository-relative path belongs to, or null (test/, scripts/, files at the root). */
export function layerOf(relativePath) {
  const parts = relativePath.split(/[\\/]/);
  const two = parts.slice(0, 2).join('/');
  if (two in LAYERS) return two;
  return parts[0] in LAYERS || parts[0] === 'test' ? parts[0] : null;
}

/** @type {import('eslint').Rule.RuleModule} */
const layerBoundaries = {
  meta: {
    type: 'problem',
    docs: { description: 'Imports follow the one-way flow of the architecture (scripts/lint-layers.mjs).' },
    schema: [],
  },
  create(context) {
    const from = path.relative(ROOT, context.filename);
    const fromLayer = layerOf(from);
    if (fromLayer === 'test') return {};
    function check(node, specifier) {
      if (typeof specifier !== 'string' || !specifier.startsWith('.')) return;
      const target = path.relative(ROOT, path.resolve(path.dirname(context.filename), specifier));
      if (target.startsWith('..')) return;
      const toLayer = layerOf(target);
      if (toLayer === 'test') {
        context.report({ node, message: `${from}: only tests import test/ (move what is shared out of test/).` });
        return;
      }
      if (!fromLayer || !toLayer || LAYERS[fromLayer].includes(toLayer)) return;
      context.report({
        node,
        message: `${fromLayer}/ may import only ${LAYERS[fromLayer].map((l) => `${l}/`).join(', ')}; it imports ${target} (${toLayer}/).`,
      });
    }
    return {
      ImportDeclaration: (node) => check(node.source, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node.source, node.source.value),
      ExportAllDeclaration: (node) => check(node.source, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node.source, node.source.value),
    };
  },
};

export const layersPlugin = { rules: { boundaries: layerBoundaries } };
