export type Algorithm = 'rsa2048' | 'ecdsap256';
export function opensslArgs(algorithm: Algorithm, processes: number, seconds: number): string[];
export function readSignRate(output: string, algorithm: Algorithm): number;
export function opensslSpeed(algorithm: Algorithm, processes: number, seconds?: number): number;
