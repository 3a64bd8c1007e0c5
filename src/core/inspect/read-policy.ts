import { decodeCloudFrontBase64, isBase64Problem } from '../lib/base64.ts';
import type { PolicyStatement } from '../policy/policy.ts';
import { MAX_EPOCH_SECONDS } from '../policy/time.ts';

export type PolicyReading =
  | { statement: PolicyStatement; json: string }
  | { problem: string; json?: string };

const decoder = new TextDecoder('utf-8', { fatal: true });

/** Decodes a `Policy` value (CloudFront base64 of JSON) and reads its one statement. */
export function readEncodedPolicy(encoded: string): PolicyReading {
  const bytes = decodeCloudFrontBase64(encoded);
  if (isBase64Problem(bytes)) {
    return {
      problem:
        bytes.kind === 'character'
          ? `Policy has ${JSON.stringify(bytes.character)} at position ${bytes.index + 1}, outside CloudFront's base64 alphabet (A-Z a-z 0-9 - _ ~)`
          : 'Policy is cut short: its base64 length cannot come from whole bytes',
    };
  }
  let json: string;
  try {
    json = decoder.decode(bytes);
  } catch {
    return { problem: 'Policy does not decode to UTF-8 text' };
  }
  return readPolicyJson(json);
}

/** Reads a policy's JSON as CloudFront does: one statement, a Resource, and known conditions. */
export function readPolicyJson(json: string): PolicyReading {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return { problem: 'Policy is not valid JSON', json };
  }
  const statements = (parsed as { Statement?: unknown })?.Statement;
  if (!Array.isArray(statements) || statements.length !== 1) {
    return { problem: 'Policy must have "Statement" as an array of exactly one statement', json };
  }
  const statement = statements[0] as { Resource?: unknown; Condition?: Record<string, unknown> };
  if (typeof statement?.Resource !== 'string')
    return { problem: 'the statement has no "Resource" string', json };
  const condition = statement.Condition;
  if (typeof condition !== 'object' || condition === null) {
    return { problem: 'the statement has no "Condition" object', json };
  }
  const unknown = Object.keys(condition).filter(
    (key) => !['DateLessThan', 'DateGreaterThan', 'IpAddress'].includes(key),
  );
  if (unknown.length)
    return { problem: `the condition ${unknown.join(', ')} is not one CloudFront knows`, json };
  const dateLessThan = epochTime(condition.DateLessThan);
  if (dateLessThan === undefined) {
    return {
      problem:
        'DateLessThan is missing, or its AWS:EpochTime is not whole seconds from 0 to 2147483647',
      json,
    };
  }
  const out: {
    resource: string;
    dateLessThan: number;
    dateGreaterThan?: number;
    ipAddress?: string;
  } = {
    resource: statement.Resource,
    dateLessThan,
  };
  if (condition.DateGreaterThan !== undefined) {
    const start = epochTime(condition.DateGreaterThan);
    if (start === undefined)
      return {
        problem: 'DateGreaterThan has no AWS:EpochTime of whole seconds from 0 to 2147483647',
        json,
      };
    out.dateGreaterThan = start;
  }
  if (condition.IpAddress !== undefined) {
    const ip = (condition.IpAddress as Record<string, unknown>)?.['AWS:SourceIp'];
    if (typeof ip !== 'string') return { problem: 'IpAddress has no AWS:SourceIp string', json };
    out.ipAddress = ip;
  }
  return { statement: out, json };
}

/** A whole AWS:EpochTime CloudFront can read: seconds from 0 to 2147483647. */
function epochTime(value: unknown): number | undefined {
  const time = (value as Record<string, unknown> | undefined)?.['AWS:EpochTime'];
  return typeof time === 'number' &&
    Number.isInteger(time) &&
    time >= 0 &&
    time <= MAX_EPOCH_SECONDS
    ? time
    : undefined;
}
