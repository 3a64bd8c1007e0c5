/** The external commands CI installs: `.ci/tools`, read the way `.ci/run` reads it. */
import { readFileSync } from 'node:fs';
import { basename, resolve, sep } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');
export const TOOLS_FILE = resolve(ROOT, '.ci/tools');

/** Command name to its Debian package ("-" for what comes with Node.js). */
export function ciTools(text = readFileSync(TOOLS_FILE, 'utf8')): Map<string, string> {
  const tools = new Map<string, string>();
  for (const line of text.split('\n')) {
    const [tool, pkg] = line.trim().split(/\s+/);
    if (tool && pkg && !tool.startsWith('#')) tools.set(tool, pkg);
  }
  return tools;
}

/**
 * The command a spawn starts, as .ci/tools names it: Node's own binary is `node`; the project's
 * own files and binaries from node_modules come with the checkout and `npm ci`, so they need
 * nothing from the machine (undefined).
 */
export function commandName(file: string): string | undefined {
  if (file === process.execPath) return 'node';
  if (file.includes('/') && resolve(file).startsWith(ROOT + sep)) return undefined;
  return basename(file);
}

/** One line that says how to get a missing tool. */
export function installHint(tool: string, pkg: string | undefined): string {
  if (pkg === '-') return `${tool} is missing: install Node.js 20 or later, which brings it.`;
  if (pkg) return `${tool} is not installed: run sudo apt-get install -y ${pkg} (.ci/run does).`;
  return `${tool} is not in .ci/tools, so CI does not install it: add it with its Debian package.`;
}
