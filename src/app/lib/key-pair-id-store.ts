import { isKeyPairId } from '../../core/sign/key-pair-id.ts';

/**
 * Remembers the key pair ID between visits. It is the only thing Signet stores: the ID is public
 * (it travels in every signed URL), unlike the private key, which is never stored anywhere. Only
 * a valid key pair ID is ever written or read back (the core's rule: letters and digits), so a
 * key or passphrase typed into the field by mistake never reaches storage.
 */
const STORAGE_KEY = 'signet.keyPairId';

export function loadKeyPairId(): string {
  try {
    const stored = localStorage.getItem(STORAGE_KEY) ?? '';
    if (isKeyPairId(stored)) return stored;
    // Whatever an older page stored there (a key pasted into the field, once) is wiped.
    localStorage.removeItem(STORAGE_KEY);
    return '';
  } catch {
    // Storage can be disabled (private windows, file:// in some browsers): start empty.
    return '';
  }
}

/** Stores `keyPairId` when it is a valid key pair ID; anything else removes what was stored. */
export function saveKeyPairId(keyPairId: string): void {
  try {
    if (isKeyPairId(keyPairId)) localStorage.setItem(STORAGE_KEY, keyPairId);
    else localStorage.removeItem(STORAGE_KEY);
  } catch {
    // Not remembering is harmless; the field still works for this visit.
  }
}
