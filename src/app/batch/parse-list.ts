import { readCsv } from './csv.ts';

/** One URL to sign and the line it came from, so errors can name the line the user sees. */
export interface ListedUrl {
  readonly line: number;
  readonly url: string;
}

export interface UrlList {
  readonly urls: readonly ListedUrl[];
  /** 'csv' when the first line is a header with a url column. */
  readonly format: 'lines' | 'csv';
}

/**
 * Reads a pasted or dropped list: CSV when the first line is a header with a `url` column,
 * otherwise one URL per line. Blank lines are skipped but still counted, so line numbers match
 * what an editor shows. URLs may contain commas, so a plain list is never split on them.
 */
export function parseUrlList(text: string): UrlList {
  const withoutBom = text.replace(/^\uFEFF/, '');
  const firstLine = withoutBom.split(/\r?\n/, 1)[0] ?? '';
  const header = readCsv(firstLine)[0]?.cells.map((cell) => cell.trim().toLowerCase()) ?? [];
  const column = header.indexOf('url');
  if (column >= 0 && !/^[a-z][a-z0-9+.-]*:\/\//i.test(firstLine.trim())) {
    const urls = readCsv(withoutBom)
      .slice(1)
      .map((record) => ({ line: record.line, url: (record.cells[column] ?? '').trim() }))
      .filter((entry) => entry.url !== '');
    return { urls, format: 'csv' };
  }
  const urls: ListedUrl[] = [];
  withoutBom.split(/\r?\n/).forEach((raw, index) => {
    const url = raw.trim();
    if (url) urls.push({ line: index + 1, url });
  });
  return { urls, format: 'lines' };
}
