/**
 * Saves text as a file through a Blob and an object URL: nothing leaves the tab, and the CSP needs
 * no exception (a blob: link made here is the page's own data).
 */
export function downloadText(fileName: string, text: string, type = 'text/plain'): void {
  const href = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = href;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked after the click has been handled: the private key PEM should not stay reachable.
  setTimeout(() => URL.revokeObjectURL(href), 1000);
}
