/** RFC 4180 CSV, the little that a URL list needs: read records with their line numbers, write rows. */

export interface CsvRecord {
  /** 1-based line where the record starts in the text. */
  readonly line: number;
  readonly cells: readonly string[];
}

/** Reads CSV with quoted cells ("a ""b"", c"), CRLF or LF line ends, and newlines inside quotes. */
export function readCsv(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (char === '"') {
        quoted = false;
      } else {
        if (char === '\n') line++;
        cell += char;
      }
    } else if (char === '"' && cell === '') {
      quoted = true;
    } else if (char === ',') {
      cells.push(cell);
      cell = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i++;
      cells.push(cell);
      records.push({ line: recordLine, cells });
      cells = [];
      cell = '';
      line++;
      recordLine = line;
    } else {
      cell += char;
    }
  }
  if (cell !== '' || cells.length) {
    cells.push(cell);
    records.push({ line: recordLine, cells });
  }
  return records;
}

/**
 * One CSV line; cells with commas, quotes or line breaks are quoted. A cell that a spreadsheet
 * would run as a formula (starting with = + - @, tab or carriage return) gets a leading ' and
 * quotes, as OWASP's CSV injection advice says: a URL list is outside text.
 */
export function csvRow(cells: readonly string[]): string {
  return cells
    .map((cell) => {
      const safe = /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
      return safe !== cell || /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
    })
    .join(',');
}
