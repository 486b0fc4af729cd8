import { onBeforeUnmount, onMounted } from 'vue'
import type { MenuCommand } from '../../../shared/ipc/channels'

const NON_TEXT_INPUTS = new Set(['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file', 'image'])

/** Inside a text field Ctrl+Z belongs to the field's own undo, not the change set. */
export function isTextEntry(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false
  if (target.isContentEditable || target instanceof HTMLTextAreaElement) return true
  return target instanceof HTMLInputElement && !NON_TEXT_INPUTS.has(target.type)
}

/** Maps a key press to a change-set command: Ctrl/Cmd+S, +Z, +Y and +Shift+Z. */
export function commandForKey(event: KeyboardEvent): MenuCommand | null {
  if (!(event.ctrlKey || event.metaKey) || event.altKey) return null
  const key = event.key.toLowerCase()
  if (key === 's' && !event.shiftKey) return 'save'
  if (isTextEntry(event.target)) return null
  if (key === 'z') return event.shiftKey ? 'redo' : 'undo'
  if (key === 'y' && !event.shiftKey) return 'redo'
  return null
}

/** Listens on the window for the change-set shortcuts while the component is mounted. */
export function useChangeSetShortcuts(run: (command: MenuCommand) => void): void {
  function onKeydown(event: KeyboardEvent): void {
    const command = commandForKey(event)
    if (!command) return
    event.preventDefault()
    // Save from inside a field: leaving the field stages what was typed before the dialog opens.
    if (command === 'save' && isTextEntry(event.target)) (event.target as HTMLElement).blur()
    run(command)
  }
  onMounted(() => window.addEventListener('keydown', onKeydown))
  onBeforeUnmount(() => window.removeEventListener('keydown', onKeydown))
}
