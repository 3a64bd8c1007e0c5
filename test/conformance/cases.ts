/** Every conformance case, in the order the suite runs them. */

import type { ConformanceCase } from './case.ts';
import { awsVectorCases } from './cases/aws.ts';
import { guardCases } from './cases/guard.ts';
import { inspectCases } from './cases/inspect.ts';
import { keyCases } from './cases/keys.ts';
import { signingCases } from './cases/signing.ts';

export const cases: readonly ConformanceCase[] = [
  ...awsVectorCases,
  ...keyCases,
  ...signingCases,
  ...inspectCases,
  ...guardCases,
];
