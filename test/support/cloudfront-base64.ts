/** CloudFront base64 back to bytes, written independently of src/core for the tests. */
export function fromCloudFrontBase64(text: string): Uint8Array {
  return new Uint8Array(
    Buffer.from(text.replace(/-/g, '+').replace(/_/g, '=').replace(/~/g, '/'), 'base64'),
  );
}

/** The query parameters of a URL in order, without any decoding (CloudFront reads them raw). */
export function rawQuery(url: string): Record<string, string> {
  const query = url.includes('?') ? url.slice(url.indexOf('?') + 1) : '';
  return Object.fromEntries(
    query.split('&').map((pair) => [pair.split('=')[0], pair.slice(pair.indexOf('=') + 1)]),
  );
}
