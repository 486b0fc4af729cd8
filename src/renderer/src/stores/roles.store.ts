import { computed, ref, watch } from 'vue'
import { defineStore } from 'pinia'
import { call } from '../api/client'
import {
  CREATABLE_ROLE_TYPES,
  dataRightField,
  functionalRightField,
  type DataObject,
  type FunctionalRightId,
  type FunctionalRightRow,
  type Level,
  type OwnerRelation,
  type RoleDetail,
  type RoleRow,
  type RoleType,
  type RoleValues
} from '../../../shared/domain/role'
import { STORE_IDS } from './ids'
import { useAlertsStore } from './alerts.store'
import { useChangeSetStore } from './change-set.store'
import { nextNewId } from './user-groups.store'

/** The Roles screen's tabs; the system role is listed, read-only, on the Associates tab. */
export const ROLE_TABS = ['employee', 'external', 'anonymous'] as const
export type RoleTab = (typeof ROLE_TABS)[number]

/** Which role types each tab lists. */
const TYPES_OF_TAB: Record<RoleTab, readonly RoleType[]> = { employee: ['employee', 'system'], external: ['external'], anonymous: ['anonymous'] }

export interface NewRole {
  name: string
  description: string
  /** The role to copy rights from; null = start with blank rights. */
  copyFrom: string | null
}

/** Roles: the roles of the open tab, the selected role's rights, and the edits that stage changes. */
export const useRolesStore = defineStore(STORE_IDS.roles, () => {
  const changes = useChangeSetStore('roles')
  const alerts = useAlertsStore()
  const tab = ref<RoleTab>('employee')
  const rows = ref<RoleRow[]>([])
  const loading = ref(false)
  const selectedId = ref<string | null>(null)
  const detail = ref<RoleDetail | null>(null)
  const catalogue = ref<FunctionalRightRow[]>([])

  const selected = computed(() => rows.value.find((r) => r.id === selectedId.value) ?? null)
  const canAdd = computed(() => CREATABLE_ROLE_TYPES.includes(tab.value))
  /** The selected role can be edited: not the system role, not marked for deletion. */
  const editable = computed(() => !!selected.value && !selected.value.readOnly && !selected.value.deleted)

  async function listOf(tabName: RoleTab): Promise<RoleRow[] | undefined> {
    const lists = await alerts.guard(() => Promise.all(TYPES_OF_TAB[tabName].map((roleType) => call('roles:list', { roleType }))))
    return lists?.flatMap((l) => l.rows)
  }

  async function loadDetail(): Promise<void> {
    const id = selectedId.value
    if (!id) {
      detail.value = null
      return
    }
    const result = await alerts.guard(() => call('roles:get', { id }))
    // A quick click on another role may have overtaken this answer.
    if (selectedId.value === id) detail.value = result ?? null
  }

  /** Reloads the open tab's roles and the selected role; selects the first role when none is. */
  let loadSeq = 0
  async function load(): Promise<void> {
    const seq = ++loadSeq
    loading.value = true
    try {
      const result = await listOf(tab.value)
      // Quick edits reload several times; only the latest answer may land.
      if (seq !== loadSeq) return
      if (result) rows.value = result
      if (!rows.value.some((r) => r.id === selectedId.value)) selectedId.value = rows.value[0]?.id ?? null
      await loadDetail()
    } finally {
      loading.value = false
    }
  }

  async function loadCatalogue(): Promise<void> {
    const result = await alerts.guard(() => call('roles:functionalRights', {}))
    if (result) catalogue.value = result.rows
  }

  // Any change to the pending set (stage, undo, redo, save, cancel) changes the merged rows.
  watch(
    () => changes.revision,
    () => void load()
  )

  async function openTab(next: RoleTab): Promise<void> {
    if (next === tab.value) return
    tab.value = next
    selectedId.value = null
    detail.value = null
    await load()
  }

  async function select(id: string): Promise<void> {
    if (id === selectedId.value) return
    selectedId.value = id
    await loadDetail()
  }

  async function stage(id: string, values: RoleValues): Promise<boolean> {
    return (await alerts.guard(() => changes.stage({ entity: 'role', id, values }))) !== undefined
  }

  /** Stages a new role of the open tab's type and selects it. */
  async function add(role: NewRole): Promise<string | null> {
    // New ids are unique across the whole set, whichever tab staged them.
    const all = (await Promise.all(CREATABLE_ROLE_TYPES.map((roleType) => alerts.guard(() => call('roles:list', { roleType }))))).flatMap((l) => l?.rows ?? [])
    const id = nextNewId(all)
    const ok = await stage(id, { name: role.name, description: role.description, roleType: tab.value, copyFrom: role.copyFrom })
    if (!ok) return null
    selectedId.value = id
    await load()
    return id
  }

  /** Stages a new name and/or description (only what differs). */
  async function describe(id: string, values: { name: string; description: string }): Promise<boolean> {
    const row = rows.value.find((r) => r.id === id)
    const patch: RoleValues = {}
    if (row?.name !== values.name) patch.name = values.name
    if (row?.description !== values.description) patch.description = values.description
    return Object.keys(patch).length === 0 ? true : stage(id, patch)
  }

  /** Marks a role for deletion; its users move to `reassignTo` on Save. */
  function remove(id: string, reassignTo: string | null): Promise<boolean> {
    return stage(id, { deleted: true, reassignTo })
  }

  function restore(id: string): Promise<boolean> {
    return stage(id, { deleted: false, reassignTo: null })
  }

  /** Sets cells of the selected role in one step (one cell, or a whole row or column). */
  async function setLevels(cells: ReadonlyArray<{ object: DataObject; relation: OwnerRelation }>, level: Level): Promise<boolean> {
    const current = detail.value
    if (!current || !editable.value) return false
    const values: Record<string, Level> = {}
    for (const { object, relation } of cells) {
      const now = current.dataRights.find((r) => r.object === object)?.cells.find((c) => c.relation === relation)?.level
      if (now !== level) values[dataRightField(object, relation)] = level
    }
    return Object.keys(values).length === 0 ? true : stage(current.role.id, values as RoleValues)
  }

  /** Grants or revokes functional rights of the selected role in one step. */
  async function setRights(ids: readonly FunctionalRightId[], granted: boolean): Promise<boolean> {
    const current = detail.value
    if (!current || !editable.value) return false
    const values: Record<string, boolean> = {}
    for (const id of ids) {
      if (current.functionalRights.find((r) => r.id === id)?.granted !== granted) values[functionalRightField(id)] = granted
    }
    return Object.keys(values).length === 0 ? true : stage(current.role.id, values as RoleValues)
  }

  return {
    tab,
    rows,
    loading,
    selectedId,
    selected,
    detail,
    catalogue,
    canAdd,
    editable,
    load,
    loadCatalogue,
    openTab,
    select,
    add,
    describe,
    remove,
    restore,
    setLevels,
    setRights
  }
})
