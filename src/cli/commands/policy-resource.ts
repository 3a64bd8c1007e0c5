import { matchResource } from '../../core/index.ts';
import { showValue, visible } from '../../core/lib/show-value.ts';
import { RESOURCE_SHAPE, URL_SHAPE } from '../../core/policy/resource.ts';

/**
 * Why a URL falls outside --policy-resource, or undefined when the resource covers it. CloudFront
 * checks the requested URL against the policy's resource, so a signature for a URL outside it
 * could never be used; the AWS CLI refuses it too.
 */
export function notCoveredBy(
  resource: string | undefined,
  url: string,
  flag = '--policy-resource',
): string | undefined {
  if (resource === undefined) return undefined;
  const match = matchResource(resource, url);
  if (match.matches) return undefined;
  const why = match.explanation ? `: ${match.explanation}` : '';
  return `${showValue(url, URL_SHAPE)} does not match ${flag} ${showValue(resource, RESOURCE_SHAPE)}${visible(why)}; CloudFront would refuse the signature`;
}
