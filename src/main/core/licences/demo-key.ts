/**
 * The DEMO signing key. Its private half is committed ON PURPOSE, so anyone can sign a demo
 * licence with it and a demo licence therefore proves nothing. That is why the app accepts the
 * demo key only on demo sites, only for files marked `isDemo`, and only for at most 30 days from
 * the site's creation (docs/licence-keys.md). Never use this key for anything else.
 */
export const DEMO_PUBLIC_KEY = 'KSDNTDAHQb3lfIxom5JshxgaPG17Yss5clNHVcc8EDk='

export const DEMO_PRIVATE_KEY_PEM = `-----BEGIN PRIVATE KEY-----
MC4CAQAwBQYDK2VwBCIEIGTAybL+aJuE0JVgwp6IAXj/xyj683KbdzJNIgePgDwO
-----END PRIVATE KEY-----
`

/** The longest a demo licence may run, counted from the day the site was created. */
export const DEMO_LICENCE_MAX_DAYS = 30
