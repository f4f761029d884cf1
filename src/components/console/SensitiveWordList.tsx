'use client';

import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { Alert } from '../ui/Alert';
import { Button, buttonClasses } from '../ui/Button';
import { Card, CardBody, CardFooter, CardHeader } from '../ui/Card';
import { EmptyState } from '../ui/EmptyState';
import { Field, fieldProps } from '../ui/Field';
import { Input, Textarea } from '../ui/Input';
import { cn } from '../ui/cn';
import { api, fieldErrors } from './api';

export const SIDE_LABEL: Record<Side, string> = { customer: 'Customer words', agent: 'Agent words' };

export const PAGE_SIZE = 50;

export type Side = 'customer' | 'agent';

export interface WordRow {
  id: string;
  side: Side;
  word: string;
  createdAt: string;
}

function WordRowItem({ row, onChanged }: { row: WordRow; onChanged: (text: string) => void }) {
  const [editing, setEditing] = useState(false);
  const [word, setWord] = useState(row.word);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function save(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const res = await api('PATCH', `/api/admin/sensitive-words/${row.id}`, { word });
    setBusy(false);
    if (!res.ok) return setError(fieldErrors(res.error).word ?? res.error.message);
    setEditing(false);
    onChanged(`Changed “${row.word}” to “${word.trim()}”.`);
  }

  async function remove() {
    setBusy(true);
    const res = await api('DELETE', `/api/admin/sensitive-words/${row.id}`);
    setBusy(false);
    if (!res.ok) return setError(res.error.message);
    onChanged(`Deleted “${row.word}”.`);
  }

  return (
    <li className="flex flex-wrap items-center justify-between gap-2 px-5 py-2" data-testid="sw-row">
      {editing ? (
        <form onSubmit={save} className="flex flex-1 flex-wrap items-center gap-2" noValidate>
          <label htmlFor={`edit-${row.id}`} className="sr-only">
            Edit {row.word}
          </label>
          <Input id={`edit-${row.id}`} value={word} onChange={(e) => setWord(e.target.value)} className="max-w-xs" autoFocus maxLength={100} aria-invalid={error ? true : undefined} />
          <Button type="submit" size="sm" loading={busy}>
            Save
          </Button>
          <Button variant="ghost" size="sm" onClick={() => (setEditing(false), setWord(row.word), setError(null))}>
            Cancel
          </Button>
        </form>
      ) : (
        <>
          <span className="min-w-0 break-all font-medium text-slate-900">{row.word}</span>
          <span className="flex gap-1">
            <Button variant="ghost" size="sm" onClick={() => setEditing(true)}>
              Edit<span className="sr-only"> {row.word}</span>
            </Button>
            <Button variant="ghost" size="sm" className="text-red-600 hover:bg-red-50" loading={busy} onClick={remove}>
              Delete<span className="sr-only"> {row.word}</span>
            </Button>
          </span>
        </>
      )}
      {error ? <p className="basis-full text-sm text-red-600" role="alert">{error}</p> : null}
    </li>
  );
}

export function WordList({ side }: { side: Side }) {
  const [query, setQuery] = useState('');
  const [page, setPage] = useState(1);
  const [data, setData] = useState<{ items: WordRow[]; total: number } | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);
  const fileRef = useRef<HTMLInputElement>(null);

  const load = useCallback(async () => {
    const params = new URLSearchParams({ side, q: query, page: String(page), pageSize: String(PAGE_SIZE) });
    const res = await api<{ items: WordRow[]; total: number }>('GET', `/api/admin/sensitive-words?${params}`);
    if (!res.ok) return setLoadError(res.error.message);
    setLoadError(null);
    setData({ items: res.items, total: res.total });
  }, [side, query, page]);

  useEffect(() => {
    const t = setTimeout(() => void load(), 200);
    return () => clearTimeout(t);
  }, [load]);

  const report = (r: { added: number; skipped: number; invalid: { word: string; message: string }[] }) => {
    const parts = [`Added ${r.added} ${r.added === 1 ? 'word' : 'words'}`];
    if (r.skipped) parts.push(`${r.skipped} already in the list`);
    if (r.invalid.length) parts.push(`${r.invalid.length} invalid (${r.invalid.slice(0, 3).map((i) => `${i.word}: ${i.message}`).join('; ')})`);
    setNotice({ tone: r.invalid.length && !r.added ? 'error' : 'success', text: `${parts.join(', ')}.` });
    setPage(1);
    void load();
  };

  async function add(e: FormEvent) {
    e.preventDefault();
    const words = text.split(/\r?\n/).filter((w) => w.trim());
    if (!words.length) return setNotice({ tone: 'error', text: 'Enter at least one word (one per line).' });
    setBusy(true);
    setNotice(null);
    const res = await api<{ added: number; skipped: number; invalid: { word: string; message: string }[] }>('POST', '/api/admin/sensitive-words', { side, words });
    setBusy(false);
    if (!res.ok) return setNotice({ tone: 'error', text: res.error.message });
    setText('');
    report(res);
  }

  async function importFile(file: File) {
    setBusy(true);
    setNotice(null);
    const form = new FormData();
    form.set('side', side);
    form.set('file', file);
    try {
      const res = await fetch('/api/admin/sensitive-words/import', { method: 'POST', body: form });
      const json = await res.json();
      if (!json.ok) setNotice({ tone: 'error', text: json.error?.message ?? 'Import failed' });
      else report(json);
    } catch {
      setNotice({ tone: 'error', text: 'Could not reach the server. Check your connection and try again.' });
    } finally {
      setBusy(false);
      if (fileRef.current) fileRef.current.value = '';
    }
  }

  const pages = data ? Math.max(1, Math.ceil(data.total / PAGE_SIZE)) : 1;
  return (
    <div className="space-y-4">
      <form onSubmit={add} noValidate>
        <Card as="div">
          <CardBody className="space-y-3">
            <Field id={`add-${side}`} label="Add words" hint="One word or phrase per line (up to 100 characters each). Paste a whole list at once.">
              <Textarea {...fieldProps(`add-${side}`, null, true)} rows={3} value={text} onChange={(e) => setText(e.target.value)} data-testid={`sw-add-${side}`} />
            </Field>
            <div className="flex flex-wrap items-center gap-2">
              <Button type="submit" loading={busy} data-testid={`sw-add-submit-${side}`}>
                Add
              </Button>
              <label className={cn(buttonClasses('secondary', 'md'), 'cursor-pointer')}>
                Import CSV or text file
                <input ref={fileRef} type="file" accept=".csv,.txt,text/csv,text/plain" className="sr-only" onChange={(e) => e.target.files?.[0] && void importFile(e.target.files[0])} />
              </label>
              <a href={`/api/admin/sensitive-words/export?side=${side}`} className={buttonClasses('ghost', 'md')} download>
                Export CSV
              </a>
            </div>
            {notice ? <Alert tone={notice.tone}>{notice.text}</Alert> : null}
          </CardBody>
        </Card>
      </form>
      <Card>
        <CardHeader
          title={`${SIDE_LABEL[side]} (${data?.total ?? '…'})`}
          actions={
            <div className="w-56">
              <label htmlFor={`search-${side}`} className="sr-only">
                Search {SIDE_LABEL[side].toLowerCase()}
              </label>
              <Input id={`search-${side}`} type="search" placeholder="Search…" value={query} onChange={(e) => (setQuery(e.target.value), setPage(1))} />
            </div>
          }
        />
        {loadError ? <Alert tone="error" className="m-5">{loadError}</Alert> : null}
        {data && data.items.length === 0 ? (
          <div className="p-5">
            <EmptyState title={query ? 'No matching words' : 'No words yet'} description={query ? 'Try another search.' : 'Add words above, or import a list.'} />
          </div>
        ) : (
          <ul className="divide-y divide-slate-100" aria-label={SIDE_LABEL[side]}>
            {data?.items.map((row) => <WordRowItem key={`${row.id}:${row.word}`} row={row} onChanged={(t) => (setNotice({ tone: 'success', text: t }), void load())} />)}
          </ul>
        )}
        {data && data.total > PAGE_SIZE ? (
          <CardFooter>
            <span className="mr-auto text-sm text-slate-600">
              Page {page} of {pages}
            </span>
            <Button variant="secondary" size="sm" disabled={page <= 1} onClick={() => setPage(page - 1)}>
              Previous
            </Button>
            <Button variant="secondary" size="sm" disabled={page >= pages} onClick={() => setPage(page + 1)}>
              Next
            </Button>
          </CardFooter>
        ) : null}
      </Card>
    </div>
  );
}

