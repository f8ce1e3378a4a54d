-- Stored exactly once, whatever moment the writer dies at (see README, "Exactly once").
-- An INSERT commits the raw part first and then each view's part, one by one: a writer killed
-- in between left message ids, rollups and raw rows disagreeing. From here on everything the
-- writer's check and the dashboard's rollups read lives INSIDE the raw parts (projections),
-- which commit with their rows or not at all.

-- 1. Stop the views that fed the message ids and the rollups from each INSERT. The latest
--    state keeps its view: a row it missed is written again by the writer on redelivery.
DROP VIEW IF EXISTS telemetry_message_ids_mv;
DROP VIEW IF EXISTS telemetry_readings_1m_mv;
DROP VIEW IF EXISTS telemetry_readings_1h_mv;

-- 2. Readings stored twice by a writer killed mid-insert before this migration: keep one row
--    per (device, message, metric, time). A one-off rewrite of the raw table.
OPTIMIZE TABLE telemetry_readings FINAL DEDUPLICATE BY device_id, message_id, metric, at;

-- 3. Inside every raw part: the rows ordered by message (the writer's stored-reading check),
--    and the minute and hour rollups. Built for existing parts too (MATERIALIZE).
ALTER TABLE telemetry_readings ADD PROJECTION IF NOT EXISTS message_lookup
(
    SELECT device_id, message_id, metric, at
    ORDER BY device_id, message_id
);

ALTER TABLE telemetry_readings ADD PROJECTION IF NOT EXISTS minute_rollup
(
    SELECT device_id, metric, toStartOfMinute(at), count(), sum(value), min(value), max(value), argMax(value, at)
    GROUP BY device_id, metric, toStartOfMinute(at)
);

-- device_type depends on device_id alone; it is a key here so the fleet's hourly counts can
-- filter by type from the projection.
ALTER TABLE telemetry_readings ADD PROJECTION IF NOT EXISTS hour_rollup
(
    SELECT device_id, metric, toStartOfHour(at), device_type, count(), sum(value), min(value), max(value), argMax(value, at)
    GROUP BY device_id, metric, toStartOfHour(at), device_type
);

ALTER TABLE telemetry_readings MATERIALIZE PROJECTION message_lookup SETTINGS mutations_sync = 1;
ALTER TABLE telemetry_readings MATERIALIZE PROJECTION minute_rollup SETTINGS mutations_sync = 1;
ALTER TABLE telemetry_readings MATERIALIZE PROJECTION hour_rollup SETTINGS mutations_sync = 1;

-- 4. Hours kept longer than the raw rows (5 years by default): a copy of the hour rollup,
--    refreshed from the raw table by `refreshHourArchive` for every hour that received rows
--    since the previous refresh. Recomputing an hour replaces it (newest `archived_at` wins),
--    so a refresh repeated after a crash never counts twice. Queries read it only for hours
--    the raw table no longer holds.
CREATE TABLE IF NOT EXISTS telemetry_hour_archive
(
    device_id UUID,
    device_type LowCardinality(String),
    metric LowCardinality(String),
    bucket DateTime('UTC') CODEC(DoubleDelta, ZSTD(1)),
    count UInt64,
    sum Float64,
    min Float64,
    max Float64,
    last AggregateFunction(argMax, Float64, DateTime64(3, 'UTC')),
    archived_at DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = ReplacingMergeTree(archived_at)
PARTITION BY toYear(bucket)
ORDER BY (device_id, metric, bucket)
TTL bucket + INTERVAL 1825 DAY;

-- Where the next refresh starts: the insert time it covered up to.
CREATE TABLE IF NOT EXISTS telemetry_hour_archive_refreshes
(
    covered_until DateTime64(3, 'UTC'),
    refreshed_at DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = MergeTree
ORDER BY covered_until
TTL toDateTime(refreshed_at) + INTERVAL 30 DAY;

-- 5. Move the hours: those older than every raw row from the old hour rollup (the only copy
--    left), every hour the raw table holds recomputed from its rows.
INSERT INTO telemetry_hour_archive (device_id, device_type, metric, bucket, count, sum, min, max, last)
SELECT device_id, any(device_type), metric, bucket, sum(count), sum(sum), min(min), max(max), argMaxMergeState(last)
FROM telemetry_readings_1h
WHERE bucket < (SELECT ifNull(toStartOfHour(minOrNull(at)), toDateTime('2106-01-01 00:00:00', 'UTC')) FROM telemetry_readings)
GROUP BY device_id, metric, bucket;

INSERT INTO telemetry_hour_archive (device_id, device_type, metric, bucket, count, sum, min, max, last)
SELECT device_id, any(device_type), metric, toStartOfHour(at) AS bucket, count(), sum(value), min(value), max(value), argMaxState(value, at)
FROM telemetry_readings
WHERE value_text = ''
GROUP BY device_id, metric, bucket;

INSERT INTO telemetry_hour_archive_refreshes (covered_until)
SELECT ifNull(maxOrNull(inserted_at), now64(3)) FROM telemetry_readings;

-- 6. The tables the views fed: the message ids and minute rollup are the raw table's now, the
--    hours are in the archive.
DROP TABLE IF EXISTS telemetry_message_ids;
DROP TABLE IF EXISTS telemetry_readings_1m;
DROP TABLE IF EXISTS telemetry_readings_1h;
