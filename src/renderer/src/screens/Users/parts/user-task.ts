/** The user card's Task menu items (SPEC §3.5), in menu order. */
export const USER_TASKS = ['new', 'clone', 'move', 'resetPassword', 'retire', 'reactivate', 'delete'] as const
export type UserTask = (typeof USER_TASKS)[number]
