-- Hold promotion: a pending hold is raised by the periodic check once its forSeconds have passed
-- (a device that reports only on change sends no later reading), with the value of the reading
-- that began it. The partial index keeps that check to the pending rows.
ALTER TABLE "alarms" ADD COLUMN "condition_value" double precision;--> statement-breakpoint
CREATE INDEX "alarms_pending_idx" ON "alarms" USING btree ("condition_since") WHERE "alarms"."phase" = 'pending';