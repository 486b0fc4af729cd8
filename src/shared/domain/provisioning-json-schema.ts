import { z } from 'zod'
import { provisioningFileSchema } from './provisioning'

/** The provisioning file's JSON Schema, from the same zod schema `smadmin apply` checks files with. */
export function provisioningJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(provisioningFileSchema, { io: 'input', unrepresentable: 'any' }),
    $id: 'https://settingsandmaintenance.example/provisioning.schema.json',
    title: 'Settings and maintenance provisioning file',
    description: 'What `smadmin apply` reads and `smadmin export` writes (docs/provisioning.md).'
  }
}
