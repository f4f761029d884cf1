'use client';

import { useState } from 'react';
import { Button } from '../ui/Button';

export function CopyButton({ text, label = 'Copy' }: { text: string; label?: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');

  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setState('copied');
    } catch {
      setState('failed');
    }
    setTimeout(() => setState('idle'), 2500);
  }

  return (
    <>
      <Button variant="secondary" size="sm" onClick={copy}>
        {state === 'copied' ? 'Copied!' : label}
      </Button>
      <span className="sr-only" aria-live="polite">
        {state === 'copied' ? 'Copied to the clipboard' : state === 'failed' ? 'Copy failed: select the code and copy it by hand' : ''}
      </span>
      {state === 'failed' ? <span className="text-xs text-red-600">Select the code and copy it by hand.</span> : null}
    </>
  );
}
