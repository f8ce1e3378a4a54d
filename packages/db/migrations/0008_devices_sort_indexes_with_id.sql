-- The device table's sort indexes gain the id that breaks ties (devices.list orders by key, id):
-- on the key alone Postgres sorted a whole tie group to cut a page (14,000 never-seen devices
-- when sorting by last seen). Plain CREATE INDEX: it blocks writes to devices while it builds,
-- a few seconds at 100,000 devices.
DROP INDEX "devices_site_idx";--> statement-breakpoint
DROP INDEX "devices_created_idx";--> statement-breakpoint
DROP INDEX "devices_name_idx";--> statement-breakpoint
DROP INDEX "devices_serial_number_idx";--> statement-breakpoint
DROP INDEX "devices_last_seen_idx";--> statement-breakpoint
CREATE INDEX "devices_site_id_idx" ON "devices" USING btree ("site","id");--> statement-breakpoint
CREATE INDEX "devices_created_id_idx" ON "devices" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "devices_name_id_idx" ON "devices" USING btree ("name","id");--> statement-breakpoint
CREATE INDEX "devices_serial_number_id_idx" ON "devices" USING btree ("serial_number","id");--> statement-breakpoint
CREATE INDEX "devices_last_seen_id_idx" ON "devices" USING btree ("last_seen_at","id");