/**
 * Text from a file (a name, a header, a value) as messages may show it: control characters (a terminal
 * escape, a NUL, a bell) become visible \x.. escapes instead of acting on the screen, and length is bounded.
 */
export function printable(text: string, max = 200): string {
  const shown = text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
  return shown.length > max ? `${shown.slice(0, max)}…` : shown;
}
