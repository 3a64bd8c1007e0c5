/**
 * Files that the conformance bundle carries inside itself (see build.ts), so that the suite needs
 * no file system in any runtime: `?text` gives the file as a string, `?bytes` as its exact bytes.
 */
declare module '*?text' {
  const text: string;
  export default text;
}

declare module '*?bytes' {
  const bytes: Uint8Array<ArrayBuffer>;
  export default bytes;
}
