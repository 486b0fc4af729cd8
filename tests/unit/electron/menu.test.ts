import { describe, expect, it, vi } from 'vitest'

vi.mock('electron', () => {
  throw new Error('menu.ts must only `import type` from electron')
})

import { aboutText, buildMenuTemplate } from '../../../src/main/electron/menu'

type Item = { label?: string; role?: string; accelerator?: string; click?: () => void; submenu?: Item[]; type?: string }

function build(isMac = false, isDev = false) {
  const sent: string[] = []
  const showAbout = vi.fn()
  const takeSnapshot = vi.fn()
  const switchSite = vi.fn()
  const template = buildMenuTemplate({ send: (c) => sent.push(c), showAbout, takeSnapshot, switchSite, isMac, isDev }) as Item[]
  const find = (menu: string, label: string): Item => {
    const top = template.find((t) => t.label?.replace('&', '') === menu)!
    return top.submenu!.find((i) => i.label?.replace(/&/g, '').startsWith(label))!
  }
  return { template, sent, showAbout, takeSnapshot, switchSite, find }
}

describe('app menu', () => {
  it('File → Sign out tells the renderer; File → Switch site… asks main for another site', () => {
    const { find, sent, switchSite } = build()
    find('File', 'Sign out').click!()
    expect(sent).toEqual(['signOut'])
    find('File', 'Switch site').click!()
    expect(switchSite).toHaveBeenCalledOnce()
  })

  it('has File, Edit, View and Help (plus the app menu on macOS)', () => {
    expect(build().template.map((t) => t.label?.replace('&', ''))).toEqual(['File', 'Edit', 'View', 'Help'])
    expect(build(true).template.map((t) => t.role ?? t.label?.replace('&', ''))).toEqual(['appMenu', 'File', 'Edit', 'View', 'Help'])
  })

  it('Edit sends Save (Ctrl/Cmd+S), Cancel, Undo and Redo to the renderer and keeps text-editing roles', () => {
    const { find, sent, template } = build()
    expect(find('Edit', 'Save').accelerator).toBe('CmdOrCtrl+S')
    for (const label of ['Save', 'Cancel', 'Undo change', 'Redo change']) find('Edit', label).click!()
    expect(sent).toEqual(['save', 'cancel', 'undo', 'redo'])
    const roles = template[1].submenu!.map((i) => i.role).filter(Boolean)
    expect(roles).toEqual(expect.arrayContaining(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll']))
  })

  it('File → Take snapshot asks main to take one; File → Snapshots… tells the renderer', () => {
    const { find, sent, takeSnapshot } = build()
    find('File', 'Take snapshot').click!()
    expect(takeSnapshot).toHaveBeenCalledOnce()
    find('File', 'Snapshots').click!()
    expect(sent).toEqual(['snapshots'])
  })

  it('Help → About calls showAbout', () => {
    const { find, showAbout } = build()
    find('Help', 'About').click!()
    expect(showAbout).toHaveBeenCalledOnce()
  })

  it('developer tools only in development', () => {
    const roles = (isDev: boolean) => build(false, isDev).template[2].submenu!.map((i) => i.role)
    expect(roles(false)).not.toContain('toggleDevTools')
    expect(roles(false)).not.toContain('reload')
    expect(roles(true)).toContain('toggleDevTools')
  })

  it('About text names the versions and the site file', () => {
    const text = aboutText({ appVersion: '1.2.3', versions: { electron: '45.1.0', chrome: '142.0', node: '22.20.0' }, sitePath: '/srv/crm.smsite' })
    expect(text).toBe('Version 1.2.3\nElectron 45.1.0 · Chromium 142.0 · Node 22.20.0\n\nSite file: /srv/crm.smsite')
    expect(aboutText({ appVersion: '1', versions: {}, sitePath: 'x' })).toContain('Electron ? · Chromium ? · Node ?')
  })
})
