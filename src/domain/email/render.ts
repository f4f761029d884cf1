import { render } from '@react-email/render';
import type { ReactElement } from 'react';

export interface RenderedEmail {
  subject: string;
  html: string;
  /** The plain-text part (every email has one). */
  text: string;
}

/** HTML and plain-text parts of a React email. */
export async function renderEmail(subject: string, element: ReactElement): Promise<RenderedEmail> {
  const [html, text] = await Promise.all([render(element), render(element, { plainText: true })]);
  return { subject, html, text };
}
