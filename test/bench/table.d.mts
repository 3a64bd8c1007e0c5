export interface Sample {
  value: number;
  round: number;
  extra?: Record<string, number>;
}
export interface BenchResults {
  date: string;
  machine: { cores: number; model: string; node: string; openssl: string };
  chromium: string;
  quick: boolean;
  rounds: { idle: boolean; busy: number; waitedSeconds?: number; seconds?: number }[];
  seconds: number;
  cliLines: number;
  baseline?: string;
  pageBytes: number;
  pageGzipBytes: number;
  samples: Record<string, Record<string, Sample[]>>;
}
export const RECORDED_RUN: string;
export function renderSection(results: BenchResults): string;
export function renderChecks(results: BenchResults): string;
export function renderReport(results: BenchResults): string;
export function readmeSection(readme: string): string;
export function writeReadme(results: BenchResults): void;
