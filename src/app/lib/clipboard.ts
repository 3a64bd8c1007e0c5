/**
 * Writes text to the clipboard. Returns false instead of throwing when the browser refuses (no
 * permission, page not focused), so the caller can tell the user to copy by hand.
 */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}
