import { test, expect } from './fixtures'

test('the app opens on a fresh site with the Navigator', async ({ app }) => {
  await expect(app.getByRole('navigation', { name: 'Navigator' })).toBeVisible()
})
