/** Reading the status pages main shows in the window (self-contained data: URLs, electron/main/status-pages.ts). */

/** The HTML of a data: page URL. */
export function dataPageText(url: string): string {
  return decodeURIComponent(url.slice(url.indexOf(',') + 1));
}

/** True for the error page (its details sit in a <pre>; the loading page has none). */
export function isErrorPage(url: string | undefined): boolean {
  return url !== undefined && url.startsWith('data:text/html') && dataPageText(url).includes('<pre>');
}
