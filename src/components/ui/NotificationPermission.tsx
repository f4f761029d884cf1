'use client';

import { useEffect, useState } from 'react';
import { Button } from './Button';

type Permission = NotificationPermission | 'unsupported' | 'unknown';

function current(): Permission {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

/**
 * Asks for browser notification permission only when the person presses the button (never on page load),
 * and says what to do when the browser blocks notifications for this site.
 */
export function NotificationPermissionButton({ className }: { className?: string }) {
  const [permission, setPermission] = useState<Permission>('unknown');
  useEffect(() => setPermission(current()), []);

  async function ask() {
    if (typeof Notification === 'undefined') return;
    try {
      setPermission(await Notification.requestPermission());
    } catch {
      setPermission(current());
    }
  }

  return (
    <div className={className} data-testid="notification-permission" data-permission={permission}>
      {permission === 'granted' ? <p className="text-sm text-green-700">Desktop notifications are on for this browser.</p> : null}
      {permission === 'denied' ? (
        <p className="text-sm text-amber-800">
          Your browser blocks notifications from this site. To turn them on, open the site settings (the icon left of the address bar) and allow notifications, then reload.
        </p>
      ) : null}
      {permission === 'unsupported' ? <p className="text-sm text-slate-600">This browser cannot show desktop notifications.</p> : null}
      {permission === 'default' ? (
        <Button variant="secondary" onClick={() => void ask()}>
          Turn on desktop notifications
        </Button>
      ) : null}
    </div>
  );
}
