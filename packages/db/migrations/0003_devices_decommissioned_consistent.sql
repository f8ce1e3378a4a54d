-- Rows from before the constraint: either mark meant decommissioned (the broker and the worker
-- refused both), so each gets the other half before Postgres starts refusing a mismatch.
UPDATE "devices" SET "decommissioned_at" = "updated_at" WHERE "status" = 'decommissioned' AND "decommissioned_at" IS NULL;--> statement-breakpoint
UPDATE "devices" SET "status" = 'decommissioned' WHERE "decommissioned_at" IS NOT NULL AND "status" <> 'decommissioned';--> statement-breakpoint
ALTER TABLE "devices" ADD CONSTRAINT "devices_decommissioned_consistent" CHECK (("devices"."status" = 'decommissioned') = ("devices"."decommissioned_at" IS NOT NULL));
