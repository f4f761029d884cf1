-- Bans target the visitor; an address is banned only by an explicit, temporary choice (issue 22).
-- A row with `ip` is now an address ban (its visitor_id only records whose address it was); a row without
-- `ip` bans the visitor. Earlier bans stored both, which locked out everyone behind the same proxy or NAT:
-- they become visitor bans (the address part is dropped; ban the address again from the dialog if needed).
UPDATE visitor_bans SET ip = NULL WHERE visitor_id IS NOT NULL AND ip IS NOT NULL;--> statement-breakpoint
-- "Other visitors seen from this address in the last 30 days" (ban dialog) and the address ban check.
CREATE INDEX IF NOT EXISTS visitor_devices_ws_ip_idx ON visitor_devices (workspace_id, ip, updated_at);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS visitor_bans_ws_ip_idx ON visitor_bans (workspace_id, ip) WHERE ip IS NOT NULL;
