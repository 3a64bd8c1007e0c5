export function busyShare(ms?: number): Promise<number>;
export function waitForIdle(options?: {
  threshold?: number;
  timeoutMs?: number;
  log?: (text: string) => void;
}): Promise<{ idle: boolean; busy: number; waitedMs: number }>;
export function describeMachine(): { cores: number; model: string; node: string };
