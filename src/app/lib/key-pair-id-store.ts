/**
 * Remembers the key pair ID between visits. It is the only thing Signet stores: the ID is public
 * (it travels in every signed URL), unlike the private key, which is never stored anywhere.
 */
const STORAGE_KEY = 'signet.keyPairId';

export function loadKeyPairId(): string {
  try {
    return localStorage.getItem(STORAGE_KEY) ?? '';
  } catch {
    // Storage can be disabled (private windows, file:// in some browsers): start empty.
    return '';
  }
}

export function saveKeyPairId(keyPairId: string): void {
  try {
    if (keyPairId) localStorage.setItem(STORAGE_KEY, keyPairId);
    else localStorage.removeItem(STORAGE_KEY);
  } catch {
    // Not remembering is harmless; the field still works for this visit.
  }
}
