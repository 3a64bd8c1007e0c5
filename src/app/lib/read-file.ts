/** The bytes of a picked or dropped file. Bytes, not text: a key may be DER as well as PEM. */
export async function readFileBytes(file: Blob): Promise<Uint8Array> {
  return new Uint8Array(await file.arrayBuffer());
}

/** The first file of a drop, if the drag carried files at all (not text or a link). */
export function droppedFile(event: DragEvent): File | undefined {
  return event.dataTransfer?.files?.[0] ?? undefined;
}

/** True while a drag carries files, so the page can show where to drop. */
export function dragHasFiles(event: DragEvent): boolean {
  return [...(event.dataTransfer?.types ?? [])].includes('Files');
}
