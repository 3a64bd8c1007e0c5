/** CloudFront base64 back to bytes, written independently of src/core for the tests. */
export function fromCloudFrontBase64(text: string): Uint8Array {
  return new Uint8Array(
    Buffer.from(text.replace(/-/g, '+').replace(/_/g, '=').replace(/~/g, '/'), 'base64'),
  );
}

export { rawQuery } from './aws-cases.ts';
