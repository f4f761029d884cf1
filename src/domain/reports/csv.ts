import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify';

/** UTF-8 byte order mark: spreadsheets (Excel) then read the file as UTF-8. */
export const BOM = '\uFEFF';

/**
 * Formula injection guard (OWASP "CSV injection"): a text cell starting with = + - @ (or tab / carriage
 * return, which some spreadsheets skip before a formula) is prefixed with an apostrophe so it stays text.
 * Numbers are written as numbers and never touched.
 */
export function neutralise(cell: unknown): unknown {
  if (typeof cell !== 'string') return cell;
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

/** Streams rows as CSV (header first, BOM before it) into a web ReadableStream for a Response. */
export function csvStream(header: string[], rows: AsyncIterable<unknown[]> | Iterable<unknown[]>): ReadableStream<Uint8Array> {
  const stringifier = stringify({ bom: false, cast: { boolean: (v) => (v ? 'yes' : 'no'), date: (d) => d.toISOString() } });
  const source = Readable.from(
    (async function* () {
      yield header.map(neutralise);
      for await (const row of rows) yield row.map(neutralise);
    })(),
    { objectMode: true },
  );
  source.on('error', (e) => stringifier.destroy(e));
  source.pipe(stringifier);
  const withBom = Readable.from(
    (async function* () {
      yield Buffer.from(BOM, 'utf8');
      for await (const chunk of stringifier) yield Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk), 'utf8');
    })(),
  );
  return Readable.toWeb(withBom) as ReadableStream<Uint8Array>;
}

export function csvResponse(filename: string, body: ReadableStream<Uint8Array>): Response {
  return new Response(body, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${filename.replace(/[^\w.-]/g, '_')}"`,
      'cache-control': 'no-store',
    },
  });
}
