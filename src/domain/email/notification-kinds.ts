/** Agent notification emails (F15), each switchable per user. Free of server imports: the console's client bundle uses it. */
export const NOTIFICATION_KINDS = ['assigned', 'message', 'mention', 'submission'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];
export const NOTIFICATION_LABELS: Record<NotificationKind, string> = {
  assigned: 'A chat is assigned to me',
  message: 'A visitor writes in my chat',
  mention: 'A colleague mentions me in a note',
  submission: 'A visitor leaves a message for my group',
};
