import { DEMO_PUBLIC_KEY } from './demo-key'

/**
 * Public keys the app trusts (SPEC D4). Only public keys live in the repository: the vendor's
 * private key is kept offline by the vendor (docs/licence-keys.md says how).
 */
export interface TrustedKeys {
  /** Keys that may sign licence files for any owner and endorse partner keys. */
  vendorKeys: readonly string[]
  /** The demo key: accepted only on demo sites, for demo licences (see demo-key.ts). */
  demoKey: string
}

/**
 * The vendor ("SUPEROFFICE") licence-signing key, raw Ed25519 public key in base64. Generated with
 * `smadmin licence keygen`; the private half is held by the vendor, never in this repository.
 */
export const VENDOR_PUBLIC_KEY = 'w0jEyZA9y42qnaJjoI9KA9tnhAoSiMfr66CYuI6kFYs='

/**
 * What the app trusts. Core takes TrustedKeys as a dependency so unit and e2e tests can use keys
 * they generate; it is never reachable through IPC, so a running app always trusts exactly these.
 */
export const BUILT_IN_TRUSTED_KEYS: TrustedKeys = { vendorKeys: [VENDOR_PUBLIC_KEY], demoKey: DEMO_PUBLIC_KEY }
