/** The DOM id of a Licences tab, so its panel can name it (aria-labelledby). */
export function licenceTabId(id: string): string {
  return `licence-tab-${id.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`
}
