import { SignetError } from '../errors.ts';

/** Canned or custom, as CloudFront names them (SPEC.md section 2). */
export type PolicyType = 'canned' | 'custom';

/** The statement of a policy, with times in epoch seconds and the IP as a CIDR. */
export interface PolicyStatement {
  readonly resource: string;
  readonly dateLessThan: number;
  readonly dateGreaterThan?: number;
  readonly ipAddress?: string;
}

/** The policy Signet chose, its exact JSON bytes, and why it chose that type. */
export interface Policy extends PolicyStatement {
  readonly type: PolicyType;
  /** The JSON that is signed, compact, keys in the AWS CLI's order. */
  readonly json: string;
  /** Why this type: for custom, every condition that ruled out a canned policy. */
  readonly why: string;
}

/**
 * Chooses canned or custom as the AWS CLI does and SPEC.md section 2 states: custom whenever a
 * start time, an IP range, a `*` in a policy resource, or a resource other than the signed URL is
 * set. A `*` in the URL itself is a plain character, never a wildcard.
 * `url` is the URL being signed (absent for cookies, which have only a resource).
 */
export function choosePolicy(statement: PolicyStatement, url?: string): Policy {
  const { resource, dateLessThan, dateGreaterThan, ipAddress } = statement;
  const reasons: string[] = [];
  if (dateGreaterThan !== undefined) reasons.push('a start time (DateGreaterThan) is set');
  if (ipAddress !== undefined) reasons.push('an IP range (IpAddress) is set');
  // A URL is one resource: its * is a plain character, as in the AWS CLI's canned policy.
  const wildcardResource = url === undefined || resource !== url;
  if (wildcardResource && resource.includes('*')) reasons.push('the resource has a * wildcard');
  if (url !== undefined && resource !== url)
    reasons.push('the policy resource differs from the URL being signed');
  if (reasons.length === 0) {
    return {
      resource,
      dateLessThan,
      type: 'canned',
      json: cannedPolicyJson(resource, dateLessThan),
      why: CANNED_WHY,
    };
  }
  const star = wildcardResource ? -1 : resource.indexOf('*');
  if (star >= 0) {
    // In a custom policy the Resource's * is a wildcard: the URL would grant every match.
    throw new SignetError(
      'ERR_URL_CHARACTERS',
      `The URL has a * at position ${star + 1}, which a custom policy reads as a wildcard, opening ` +
        'every URL that matches. Write it as %2A, or give a policy resource if a wildcard is meant.',
      { field: 'url' },
    );
  }
  const policy: Policy = {
    resource,
    dateLessThan,
    type: 'custom',
    json: customPolicyJson(statement),
    why: `custom: ${reasons.join('; ')}`,
  };
  // Only the conditions that are set, so the object reads like the policy.
  if (dateGreaterThan !== undefined)
    (policy as { dateGreaterThan?: number }).dateGreaterThan = dateGreaterThan;
  if (ipAddress !== undefined) (policy as { ipAddress?: string }).ipAddress = ipAddress;
  return policy;
}

const CANNED_WHY =
  'canned: only an expiry is set and the resource is one exact URL, so CloudFront can rebuild the policy from the request';

/** The canned policy CloudFront rebuilds from the request: these bytes, in this order. */
export function cannedPolicyJson(resource: string, dateLessThan: number): string {
  return `{"Statement":[{"Resource":"${resource}","Condition":{"DateLessThan":{"AWS:EpochTime":${dateLessThan}}}}]}`;
}

/** A custom policy, conditions in the order the AWS CLI and botocore emit them. */
export function customPolicyJson(statement: PolicyStatement): string {
  const { resource, dateLessThan, dateGreaterThan, ipAddress } = statement;
  const ip = ipAddress === undefined ? '' : `,"IpAddress":{"AWS:SourceIp":"${ipAddress}"}`;
  const start =
    dateGreaterThan === undefined ? '' : `,"DateGreaterThan":{"AWS:EpochTime":${dateGreaterThan}}`;
  return `{"Statement":[{"Resource":"${resource}","Condition":{"DateLessThan":{"AWS:EpochTime":${dateLessThan}}${ip}${start}}}]}`;
}
