-- Device events: connects and disconnects (the broker's lifecycle events), went offline and
-- came back (the inactivity sweep, the next message), faults and jams (from telemetry).
-- Stored exactly once the way readings are (see README, "Device events"): the writer checks
-- which event ids are stored, in this table itself, before inserting the rest. A part commits
-- whole, so the check never disagrees with what a killed writer left.
CREATE TABLE IF NOT EXISTS device_events
(
    device_id UUID CODEC(ZSTD(1)),
    event_id String CODEC(ZSTD(3)),
    type LowCardinality(String),
    at DateTime64(3, 'UTC') CODEC(DoubleDelta, ZSTD(1)),
    detail String CODEC(ZSTD(3)),
    inserted_at DateTime64(3, 'UTC') DEFAULT now64(3) CODEC(Delta, ZSTD(1))
)
ENGINE = MergeTree
PARTITION BY toYYYYMM(at)
ORDER BY (device_id, at, event_id)
TTL toDateTime(at) + INTERVAL 400 DAY;
