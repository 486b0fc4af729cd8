import { isAbsolute, join, normalize, relative, sep } from 'node:path'

/** The renderer is served from app://renderer/, never file://: one origin to trust, no file access. */
export const APP_SCHEME = 'app'
export const APP_HOST = 'renderer'
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`

/**
 * The policy index.html carries as a meta tag, sent again as a header by the app:// handler so
 * that directives a meta tag cannot carry (frame-ancestors) apply too.
 */
export const CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; object-src 'none'; frame-ancestors 'none'"

/**
 * Maps an app:// request to a file under the built renderer folder, or null when the request
 * names another host or tries to climb out of the folder ("..", encoded separators).
 */
export function resolveAppFile(requestUrl: string, rendererDir: string): string | null {
  let url: URL
  try {
    url = new URL(requestUrl)
  } catch {
    return null
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null
  let pathname: string
  try {
    pathname = decodeURIComponent(url.pathname)
  } catch {
    return null
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return null
  const file = normalize(join(rendererDir, pathname === '/' ? 'index.html' : pathname))
  const inside = relative(rendererDir, file)
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside) || inside.split(sep).includes('..')) return null
  return file
}
