'use client';

import { Card, CardBody, CardHeader } from '../ui/Card';
import { NotificationPermissionButton } from '../ui/NotificationPermission';

/** Account > Notifications: desktop notifications for new chats and mentions, asked for from a button. */
export function NotificationsSection() {
  return (
    <Card>
      <CardHeader id="account-notifications" title="Desktop notifications" description="A notification when a chat arrives or a colleague mentions you while this tab is in the background." />
      <CardBody>
        <NotificationPermissionButton />
      </CardBody>
    </Card>
  );
}
