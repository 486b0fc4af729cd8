/**
 * The one rule for what the app may open in the system browser: https only, to hosts on the
 * allow-list (or their subdomains). Pure, so main and tests share it.
 */
export const EXTERNAL_HOST_ALLOW_LIST = ['superoffice.com'] as const

export function isAllowedExternalUrl(raw: string, allowList: readonly string[] = EXTERNAL_HOST_ALLOW_LIST): boolean {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return false
  }
  if (url.protocol !== 'https:' || url.username !== '' || url.password !== '') return false
  const host = url.hostname.toLowerCase()
  return allowList.some((allowed) => host === allowed || host.endsWith(`.${allowed}`))
}
