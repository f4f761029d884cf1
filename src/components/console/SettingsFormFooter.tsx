'use client';

import { Alert } from '../ui/Alert';
import { Button } from '../ui/Button';
import type { ApiError } from './api';

/** Save bar shared by the settings pages: saved or not, in-place success and error messages, save/discard. */
export function SettingsFormFooter({
  version,
  saving,
  dirty,
  error,
  success,
  onReset,
}: {
  version: number;
  saving: boolean;
  dirty: boolean;
  error: ApiError | null;
  success: string | null;
  onReset: () => void;
}) {
  return (
    <div className="space-y-3 border-t border-slate-200 bg-slate-50 px-5 py-4 rounded-b-lg">
      {error ? (
        <Alert tone="error">
          {error.code === 'conflict' ? `${error.message}` : error.code === 'bad_request' ? 'Some values are not valid: see the highlighted fields.' : error.message}
        </Alert>
      ) : null}
      {success ? <Alert tone="success">{success}</Alert> : null}
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="text-xs text-slate-500">{dirty ? 'You have unsaved changes.' : version === 0 ? 'Using the default settings.' : 'All changes saved.'}</p>
        <div className="flex gap-2">
          <Button variant="secondary" onClick={onReset} disabled={!dirty || saving}>
            Discard changes
          </Button>
          <Button type="submit" loading={saving} disabled={!dirty}>
            Save
          </Button>
        </div>
      </div>
    </div>
  );
}
