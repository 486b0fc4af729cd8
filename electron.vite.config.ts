import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import vue from '@vitejs/plugin-vue'

/**
 * Three build targets. Main bundles three entries on one core: the Electron app (index), the
 * headless CLI (smadmin) and the core library the e2e bridge and the bench load (core).
 */
// SM_OUT_DIR lets parallel work build into separate folders; the default is out/.
const outDir = process.env.SM_OUT_DIR ?? 'out'

export default defineConfig({
  main: {
    build: {
      outDir: `${outDir}/main`,
      rollupOptions: {
        input: {
          index: resolve('src/main/electron/index.ts'),
          smadmin: resolve('src/main/cli/smadmin.ts'),
          core: resolve('src/main/core/index.ts'),
          // `npm run bench` (issue 8): built here so it gets the same bundled migrations.
          bench: resolve('bench/run.ts')
        }
      }
    }
  },
  preload: {
    build: {
      outDir: `${outDir}/preload`,
      // A sandboxed preload cannot require() packages: bundle everything, emit CommonJS.
      externalizeDeps: false,
      rollupOptions: {
        input: { preload: resolve('src/main/electron/preload.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' }
      }
    }
  },
  renderer: {
    root: 'src/renderer',
    plugins: [vue()],
    // vue-i18n feature flags: Composition API only, no devtools hooks in the shipped bundle.
    define: {
      __VUE_I18N_FULL_INSTALL__: true,
      __VUE_I18N_LEGACY_API__: false,
      __INTLIFY_PROD_DEVTOOLS__: false
    },
    build: {
      outDir: `${outDir}/renderer`,
      rollupOptions: { input: resolve('src/renderer/index.html') }
    }
  }
})
