import path from 'node:path'
import { configApp } from '@adonisjs/eslint-config'

/*
| The core's modules, in dependency order (docs/architecture.md). Inside every
| AdonisJS type folder (app/services/<module>/…, app/models/<module>/…) a file
| may import its own module and the modules before it, never one after it.
| `messaging/delivery` is part of messaging: the ledger is messaging's centre.
*/
const MODULES = ['platform', 'areas', 'residents', 'targeting', 'messaging', 'engagement']
const MODULE_PATTERN = MODULES.join('|')
const FILE_MODULE = new RegExp(`^app/[a-z_]+/(${MODULE_PATTERN})/`)
const SPECIFIER_MODULE = new RegExp(`^#[a-z_]+/(${MODULE_PATTERN})/`)
const PLUGIN_FILE = /^plugins\/([^/]+)\//

function specifiersOf(node) {
  if (node.type === 'ImportExpression') {
    return node.source.type === 'Literal' ? [node.source] : []
  }
  return node.source ? [node.source] : []
}

/** A path into the top-level plugins/ folder (app/services/platform/plugins/ is the core's own). */
function importsAPlugin(file, specifier) {
  const target = specifier.startsWith('.')
    ? path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier))
    : specifier
  return target.startsWith('plugins/') || target.startsWith('/plugins/')
}

const moduleDirection = {
  meta: {
    type: 'problem',
    docs: { description: 'Core modules import only modules before them; plugins only #contracts/*' },
    schema: [],
  },
  create(context) {
    const file = path.relative(context.cwd, context.filename).split(path.sep).join('/')
    const fileModule = FILE_MODULE.exec(file)?.[1]
    const plugin = PLUGIN_FILE.exec(file)?.[1]
    const isPluginTest = plugin !== undefined && file.startsWith(`plugins/${plugin}/tests/`)

    function check(node) {
      for (const source of specifiersOf(node)) {
        const specifier = String(source.value)
        if (plugin !== undefined) {
          checkPluginImport(source, specifier)
          continue
        }
        if (file.startsWith('app/') && importsAPlugin(file, specifier)) {
          context.report({
            node: source,
            message: 'The core never imports a plugin: the plugin host loads them.',
          })
        }
        if (file.startsWith('app/contracts/') && specifier.startsWith('#') && !specifier.startsWith('#contracts/')) {
          context.report({
            node: source,
            message: `Contracts are what plugins import, so they import only other contracts (not ${specifier}).`,
          })
        }
        // app/jobs/*.ts outside a module folder wire several modules together: only the composition root uses them.
        if (fileModule && /^#jobs\/[a-z_]+$/.test(specifier) && specifier !== '#jobs/queue_job') {
          context.report({
            node: source,
            message: `${specifier} belongs to the composition root (queue_workers): a module may not import it.`,
          })
        }
        const target = SPECIFIER_MODULE.exec(specifier)?.[1]
        if (fileModule && target && MODULES.indexOf(target) > MODULES.indexOf(fileModule)) {
          context.report({
            node: source,
            message: `The ${fileModule} module may not import ${target} (it comes later in ${MODULES.join(' < ')}). Raise an event or move the code.`,
          })
        }
      }
    }

    function checkPluginImport(source, specifier) {
      if (specifier.startsWith('.')) {
        const resolved = path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier))
        if (!resolved.startsWith(`plugins/${plugin}/`)) {
          context.report({ node: source, message: 'A plugin imports only files inside its own folder.' })
        }
        return
      }
      const allowed = specifier.startsWith('#contracts/') || (isPluginTest && specifier.startsWith('#tests/'))
      if (specifier.startsWith('#') && !allowed) {
        context.report({
          node: source,
          message: `A plugin imports only #contracts/* from the core (not ${specifier}).`,
        })
      }
    }

    return {
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
      ImportExpression: check,
    }
  },
}

export default configApp(
  { ignores: ['build/**', 'tmp/**', 'public/**', '.adonisjs/**'] },
  {
    // In tests, `(await page.get(url)).status` reads better than a variable per request.
    files: ['tests/**/*.ts', 'plugins/*/tests/**/*.ts'],
    rules: { '@unicorn/no-await-expression-member': 'off' },
  },
  {
    files: ['app/**/*.ts', 'plugins/**/*.ts'],
    plugins: { beacon: { rules: { 'module-direction': moduleDirection } } },
    rules: { 'beacon/module-direction': 'error' },
  }
)
