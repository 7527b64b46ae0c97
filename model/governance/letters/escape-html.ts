/** HTML escaping for the pages Octroi writes itself (client letters, main's loading and error pages). */

/** Escapes a value for element content and quoted attributes (&, <, >, ", ' and ` as numeric references). */
export function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"'`]/g, (c) => `&#${c.charCodeAt(0)};`);
}
