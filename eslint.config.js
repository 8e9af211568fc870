import { configApp } from '@adonisjs/eslint-config'

export default configApp(
  { ignores: ['build/**', 'tmp/**', 'public/**', '.adonisjs/**'] },
  {
    // In tests, `(await page.get(url)).status` reads better than a variable per request.
    files: ['tests/**/*.ts', 'plugins/*/tests/**/*.ts'],
    rules: { '@unicorn/no-await-expression-member': 'off' },
  }
)
