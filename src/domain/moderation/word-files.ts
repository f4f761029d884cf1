/** What an export row needs of a sensitive word. */
interface ExportedWord {
  word: string;
  side: string;
  createdAt: string;
}

/**
 * Parses an import: one word per line (paste or a .txt file), or CSV (a line with a comma: its first field,
 * RFC 4180 quotes honoured, so a word containing a comma must be quoted). A first line "word" / "word,…"
 * is a header and skipped; a leading `'` that an export added before = + - @ is removed.
 */
export function parseWordImport(text: string): string[] {
  const words: string[] = [];
  text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .forEach((line, index) => {
      if (!line.trim()) return;
      let word = (line.trimStart().startsWith('"') ? csvFirstField(line.trimStart()) : line.includes(',') ? line.split(',')[0] : line).trim();
      if (index === 0 && /^word$/i.test(word)) return;
      if (/^'[=+\-@]/.test(word)) word = word.slice(1);
      if (word) words.push(word);
    });
  return words;
}

function csvFirstField(line: string): string {
  let out = '';
  for (let i = 1; i < line.length; i++) {
    if (line[i] === '"') {
      if (line[i + 1] === '"') {
        out += '"';
        i++;
      } else break;
    } else out += line[i];
  }
  return out;
}

/** CSV export: header `word,list,created_at`; fields quoted when needed (and formula-leading characters neutralised). */
export function wordsToCsv(words: ExportedWord[]): string {
  const field = (v: string) => {
    const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
    return /[",\r\n']/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  return ['word,list,created_at', ...words.map((w) => [field(w.word), w.side, w.createdAt].join(','))].join('\r\n') + '\r\n';
}
