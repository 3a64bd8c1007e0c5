/**
 * One block of a batch, signed by the core's own signUrls: the step a batch worker repeats, and
 * the page itself where no worker can run. It gives back strings only (cheap to post).
 */
import { type SignUrlsOptions, signUrls } from '../../core/index.ts';

export type BlockOptions = Omit<SignUrlsOptions, 'signal' | 'rawSigner'>;

/**
 * Per URL in order: the signed URL, or for each index in `refused`, why it was refused, with the
 * refusal's code at the same place in `codes` (the batch view groups refusals by it).
 */
export type SignedBlock = [results: string[], refused: number[], codes: string[]];

export async function signBlock(
  urls: readonly string[],
  options: BlockOptions,
): Promise<SignedBlock> {
  const results: string[] = [];
  const refused: number[] = [];
  const codes: string[] = [];
  for await (const result of signUrls(urls, options)) {
    if (result.ok) {
      results.push(result.signed.url);
    } else {
      refused.push(result.index);
      codes.push(result.error.code);
      results.push(result.error.message);
    }
  }
  return [results, refused, codes];
}
