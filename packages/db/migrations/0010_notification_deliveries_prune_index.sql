-- The outbox retention prune (packages/alarms pruneDeliveries) deletes finished deliveries by age,
-- a chunk at a time: without an index on that predicate every chunk scanned the whole table.
-- Partial, so pending rows (the dispatcher's, served by notification_deliveries_due_idx) stay out.
-- Plain CREATE INDEX, as before: it blocks writes to the outbox while it builds.
CREATE INDEX "notification_deliveries_finished_created_idx" ON "notification_deliveries" USING btree ("created_at") WHERE "notification_deliveries"."status" in ('delivered', 'failed');