/**
 * Reads CSV text (RFC 4180) into rows of cells: quoted cells may hold commas, doubled
 * quotes and line breaks; rows end with CRLF or LF; blank lines are skipped. A quote
 * left open or text after a closing quote throws, naming the line.
 */

export function readCsvRows(text: string): string[][] {
  const rows: string[][] = [];
  let at = 0;
  let line = 1;
  while (at < text.length) {
    const cells: string[] = [];
    for (;;) {
      let cell = '';
      if (text[at] === '"') {
        for (at += 1; ; at += 1) {
          if (at >= text.length) throw new Error(`line ${line}: a quoted cell is not closed`);
          if (text[at] === '"' && text[at + 1] === '"') at += 1;
          else if (text[at] === '"') break;
          if (text[at] === '\n') line += 1;
          cell += text[at];
        }
        at += 1;
        if (at < text.length && !/[,\r\n]/.test(text[at]!)) throw new Error(`line ${line}: text after a closing quote`);
      } else {
        while (at < text.length && !/[,\r\n]/.test(text[at]!)) cell += text[at++];
      }
      cells.push(cell);
      if (text[at] !== ',') break;
      at += 1;
    }
    if (text[at] === '\r') at += 1;
    if (text[at] === '\n') at += 1;
    line += 1;
    if (!(cells.length === 1 && cells[0]!.trim() === '')) rows.push(cells);
  }
  return rows;
}
