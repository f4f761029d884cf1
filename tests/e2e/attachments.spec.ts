import { expect, test } from '@playwright/test';
import { browserSession, pasteImage, shot, signInOnline } from './session';

test('a visitor pastes an image, the agent sees the thumbnail and replies with a file, then finds the chat in history', async ({ browser }) => {
  // Two browsers, uploads and four pages on a shared two-core machine.
  test.setTimeout(150_000);
  const session = browserSession(browser, { viewport: { width: 1440, height: 900 } });
  const agent = await signInOnline(session, 'alice@demo.test');
  const { page: visitorPage, widget } = await session.openWidget('My parcel arrived crushed, photo attached');
  await expect(agent.getByTestId('message-list')).toContainText('My parcel arrived crushed');

  // The visitor pastes a screenshot: it uploads with progress and goes with the next send.
  await pasteImage(widget);
  await expect(widget.getByTestId('upload-item')).toHaveAttribute('data-state', 'done');
  await widget.getByTestId('composer-send').click();
  await expect(widget.getByTestId('upload-tray')).toHaveCount(0);
  await expect(widget.getByTestId('attachment-thumb')).toBeVisible();

  // The agent sees the thumbnail (a real image, loaded through its signed link) and opens the viewer.
  const thumb = agent.getByTestId('attachment-thumb');
  await expect(thumb).toBeVisible();
  await expect.poll(() => thumb.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
  await thumb.click();
  await expect(agent.getByTestId('image-viewer')).toBeVisible();
  await shot(agent, 'agent-image-viewer');
  await agent.keyboard.press('Escape');
  await expect(agent.getByTestId('image-viewer')).toHaveCount(0);

  // The agent replies with a PDF through the picker.
  await agent.getByTestId('composer-file-input').setInputFiles({ name: 'return-label.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n') });
  await expect(agent.getByTestId('upload-item')).toHaveAttribute('data-state', 'done');
  await agent.getByTestId('composer-input').fill('Sorry about that! Here is a return label.');
  await agent.getByTestId('composer-input').press('Enter');
  const card = widget.getByTestId('attachment-card');
  await expect(card).toContainText('return-label.pdf');
  await expect(card).toContainText('PDF');
  await expect(widget.getByTestId('message-list')).toContainText('Here is a return label.');
  await shot(agent, 'agent-attachments');
  await shot(visitorPage, 'visitor-attachments');

  // A type that is not allowed is refused with a human message.
  await agent.getByTestId('composer-file-input').setInputFiles({ name: 'logo.svg', mimeType: 'image/svg+xml', buffer: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"></svg>') });
  await expect(agent.getByTestId('upload-item')).toContainText('cannot be sent');

  // Leave the shared e2e workspace as found: the chat ends, so the agent carries no load into later specs
  // (ended chats are searchable too).
  await agent.getByTestId('agent-end-chat').click();
  await agent.getByTestId('agent-end-confirm').click();
  await expect(widget.getByText('This chat has ended.')).toBeVisible();

  // History: the agent finds the chat by a word of it; the transcript opens at the matching message.
  await agent.goto('/agent/history');
  await agent.getByTestId('history-search').fill('crushed');
  const result = agent.getByTestId('history-result');
  await expect(result).toHaveCount(1);
  await expect(result.locator('mark')).toHaveText('crushed');
  await shot(agent, 'history-search');
  await result.click();
  await expect(agent.getByTestId('transcript-focused')).toContainText('My parcel arrived crushed');
  await expect(agent.getByTestId('transcript')).toContainText('return-label.pdf');
  await shot(agent, 'transcript');
  const download = agent.waitForEvent('download');
  await agent.getByTestId('transcript-txt').click();
  expect((await download).suggestedFilename()).toMatch(/^transcript-.*\.txt$/);

  // The same screens on a phone.
  await agent.setViewportSize({ width: 390, height: 844 });
  await visitorPage.setViewportSize({ width: 390, height: 844 });
  await shot(agent, 'transcript');
  await agent.goto('/agent/history');
  await agent.getByTestId('history-search').fill('crushed');
  await expect(agent.getByTestId('history-result').locator('mark')).toHaveText('crushed');
  await shot(agent, 'history-search');
  await shot(visitorPage, 'visitor-attachments');
  await session.close();
});
