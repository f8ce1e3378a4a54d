-- Raw readings: one row per (message, metric). Ordered for the dashboard's access path
-- (one device, one metric, a time range); partitioned by month so retention drops whole
-- parts. Codecs per column: timestamps are near-monotonic inside a sort run (DoubleDelta),
-- gauge values drift slowly (Gorilla), ids and names repeat (LowCardinality / ZSTD).
-- The default TTL is replaced at start-up when TELEMETRY_RAW_TTL_DAYS is set (retention.ts).
CREATE TABLE IF NOT EXISTS telemetry_readings
(
    device_id UUID CODEC(ZSTD(1)),
    device_type LowCardinality(String),
    metric LowCardinality(String),
    at DateTime64(3, 'UTC') CODEC(DoubleDelta, ZSTD(1)),
    value Float64 CODEC(Gorilla, ZSTD(1)),
    value_text LowCardinality(String) DEFAULT '',
    message_id String CODEC(ZSTD(3)),
    received_at DateTime64(3, 'UTC') CODEC(Delta, ZSTD(1)),
    -- Set by the server per insert: the cursor `telemetry.live` polls on, independent of
    -- device clocks and of the order in which workers flush.
    inserted_at DateTime64(3, 'UTC') DEFAULT now64(3) CODEC(Delta, ZSTD(1))
)
ENGINE = MergeTree
PARTITION BY toYYYYMM(at)
ORDER BY (device_id, metric, at)
TTL toDateTime(at) + INTERVAL 400 DAY;

-- Every stored message id, written by a materialized view in the same INSERT as its
-- readings. The worker checks each batch against it before inserting, which is what makes
-- redelivery idempotent for the raw table AND the rollups (see README). Kept a little longer
-- than SQS's maximum retention (14 days), after which no redelivery can arrive.
CREATE TABLE IF NOT EXISTS telemetry_message_ids
(
    device_id UUID,
    message_id String,
    inserted_at DateTime DEFAULT now()
)
ENGINE = ReplacingMergeTree
ORDER BY (device_id, message_id)
TTL inserted_at + INTERVAL 15 DAY;

CREATE MATERIALIZED VIEW IF NOT EXISTS telemetry_message_ids_mv TO telemetry_message_ids AS
SELECT DISTINCT device_id, message_id
FROM telemetry_readings;

-- Rollups. Built at insert time from each inserted block; numeric metrics only (text
-- metrics such as firmware_version have no meaningful min/max/avg).
CREATE TABLE IF NOT EXISTS telemetry_readings_1m
(
    device_id UUID,
    -- Depends on device_id alone; `any` tells merges so.
    device_type SimpleAggregateFunction(any, LowCardinality(String)),
    metric LowCardinality(String),
    bucket DateTime('UTC') CODEC(DoubleDelta, ZSTD(1)),
    count SimpleAggregateFunction(sum, UInt64),
    sum SimpleAggregateFunction(sum, Float64),
    min SimpleAggregateFunction(min, Float64),
    max SimpleAggregateFunction(max, Float64),
    last AggregateFunction(argMax, Float64, DateTime64(3, 'UTC'))
)
ENGINE = AggregatingMergeTree
PARTITION BY toYYYYMM(bucket)
ORDER BY (device_id, metric, bucket)
TTL bucket + INTERVAL 400 DAY;

CREATE MATERIALIZED VIEW IF NOT EXISTS telemetry_readings_1m_mv TO telemetry_readings_1m AS
SELECT
    device_id,
    any(device_type) AS device_type,
    metric,
    toStartOfMinute(at) AS bucket,
    count() AS count,
    sum(value) AS sum,
    min(value) AS min,
    max(value) AS max,
    argMaxState(value, at) AS last
FROM telemetry_readings
WHERE value_text = ''
GROUP BY device_id, metric, bucket;

CREATE TABLE IF NOT EXISTS telemetry_readings_1h
(
    device_id UUID,
    -- Depends on device_id alone; `any` tells merges so.
    device_type SimpleAggregateFunction(any, LowCardinality(String)),
    metric LowCardinality(String),
    bucket DateTime('UTC') CODEC(DoubleDelta, ZSTD(1)),
    count SimpleAggregateFunction(sum, UInt64),
    sum SimpleAggregateFunction(sum, Float64),
    min SimpleAggregateFunction(min, Float64),
    max SimpleAggregateFunction(max, Float64),
    last AggregateFunction(argMax, Float64, DateTime64(3, 'UTC'))
)
ENGINE = AggregatingMergeTree
PARTITION BY toYear(bucket)
ORDER BY (device_id, metric, bucket)
TTL bucket + INTERVAL 1825 DAY;

CREATE MATERIALIZED VIEW IF NOT EXISTS telemetry_readings_1h_mv TO telemetry_readings_1h AS
SELECT
    device_id,
    any(device_type) AS device_type,
    metric,
    toStartOfHour(at) AS bucket,
    count() AS count,
    sum(value) AS sum,
    min(value) AS min,
    max(value) AS max,
    argMaxState(value, at) AS last
FROM telemetry_readings
WHERE value_text = ''
GROUP BY device_id, metric, bucket;

-- Latest state per (device, metric). ReplacingMergeTree keeps the newest `at` after merges;
-- queries still use argMax so unmerged parts never show an older value.
CREATE TABLE IF NOT EXISTS telemetry_latest
(
    device_id UUID,
    device_type LowCardinality(String),
    metric LowCardinality(String),
    at DateTime64(3, 'UTC'),
    value Float64,
    value_text String,
    received_at DateTime64(3, 'UTC')
)
ENGINE = ReplacingMergeTree(at)
ORDER BY (device_id, metric);

CREATE MATERIALIZED VIEW IF NOT EXISTS telemetry_latest_mv TO telemetry_latest AS
SELECT device_id, device_type, metric, last.1 AS at, last.2 AS value, last.3 AS value_text, last.4 AS received_at
FROM
(
    SELECT device_id, any(device_type) AS device_type, metric, argMax((at, value, value_text, received_at), at) AS last
    FROM telemetry_readings
    GROUP BY device_id, metric
);
