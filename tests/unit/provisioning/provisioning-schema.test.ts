import { describe, expect, it } from 'vitest'
import { readFileSync, writeFileSync } from 'node:fs'
import { provisioningJsonSchema } from '../../../src/shared/domain/provisioning-json-schema'

/**
 * docs/provisioning.schema.json is generated from the zod schema apply uses, so editors and IT
 * scripts validate against exactly what smadmin accepts. After changing the schema, regenerate
 * it with `UPDATE_SCHEMA=1 npx vitest run tests/unit/provisioning/provisioning-schema.test.ts`.
 */
const PATH = 'docs/provisioning.schema.json'

describe('docs/provisioning.schema.json', () => {
  it('is the JSON Schema of the zod provisioning schema', () => {
    const generated = `${JSON.stringify(provisioningJsonSchema(), null, 2)}\n`
    if (process.env.UPDATE_SCHEMA === '1') writeFileSync(PATH, generated)
    expect(readFileSync(PATH, 'utf8'), 'regenerate with UPDATE_SCHEMA=1 (see the comment above)').toBe(generated)
  })

  it('describes the parts an IT department writes', () => {
    const schema = provisioningJsonSchema() as { properties: Record<string, unknown>; required: string[]; additionalProperties: boolean }
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(['formatVersion', 'ownerCompany', 'ourCompanies', 'userGroups', 'roles', 'passwordPolicy', 'licences', 'associates', 'otherUsers']))
    expect(schema.required).toEqual(['formatVersion'])
    expect(schema.additionalProperties).toBe(false)
  })
})
