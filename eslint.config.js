import js from '@eslint/js'
import globals from 'globals'
import tseslint from 'typescript-eslint'
import pluginVue from 'eslint-plugin-vue'

/**
 * Import direction (DESIGN.md): shared ← main/core ← main/electron, main/cli; shared ← renderer.
 * core never imports electron; the renderer never imports node or electron; shared imports only zod.
 */
const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'crypto', 'child_process', 'url', 'util', 'stream', 'events', 'worker_threads']
const electronOnly = { group: ['electron', 'electron/*'], message: 'Only src/main/electron may import electron.' }

export default tseslint.config(
  { ignores: ['out/**', 'out-*/**', '.electron-native/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...pluginVue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser } }
  },
  {
    languageOptions: { globals: { ...globals.node }, ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'vue/block-lang': ['error', { script: { lang: 'ts' } }],
      'vue/multi-word-component-names': 'off',
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off'
    }
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ regex: '^(?!zod$|\\.{1,2}/)', message: 'src/shared imports only zod and itself.' }] }]
    }
  },
  {
    files: ['src/main/core/**/*.ts', 'src/main/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [electronOnly, { group: ['**/renderer/**', '**/electron/**'], message: 'core and cli never import the shell or the renderer.' }] }]
    }
  },
  {
    files: ['src/main/electron/preload.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ regex: '^(?!electron$|\\.\\./\\.\\./shared/ipc/channels$)', message: 'The sandboxed preload imports only electron and the channel list.' }] }]
    }
  },
  {
    files: ['src/renderer/**/*.{ts,vue}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            electronOnly,
            { group: nodeBuiltins, message: 'The renderer is browser code: no Node modules.' },
            { group: ['**/main/**'], message: 'The renderer talks to main only through api/client.ts.' }
          ]
        }
      ]
    }
  },
  {
    files: ['tests/**/*.ts'],
    rules: { 'no-empty-pattern': 'off' }
  }
)
