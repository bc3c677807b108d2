-- Monitoring engine: the nodes sharing the checks, every raw result (kept 7 days), hourly rollups
-- (kept 400 days), heartbeat pings, and the claims of the housekeeping jobs.

-- A live node writes heartbeat_at every few seconds. Another node declares one silent for longer than
-- the node timeout dead (a compare-and-set on this row, so the silent node learns of it at its next
-- heartbeat) before taking its checks over.
CREATE TABLE mon_node (
    node_id      VARCHAR(64) NOT NULL PRIMARY KEY,
    started_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    heartbeat_at TIMESTAMP WITH TIME ZONE NOT NULL,
    dead         BOOLEAN NOT NULL DEFAULT FALSE
);

-- Every result, narrow: 100,000 rows a minute at full speed. No key and no foreign key (a deleted
-- check's results age out); one index, for "this check's results in a span" and for the purge.
-- state: 0 up, 1 degraded, 2 down, 3 maintenance. message and result_values are null when empty.
CREATE TABLE mon_result (
    check_id      BIGINT   NOT NULL,
    at            TIMESTAMP WITH TIME ZONE NOT NULL,
    state         SMALLINT NOT NULL,
    latency_ms    INT      NOT NULL,
    message       VARCHAR(1000),
    result_values VARCHAR(4000)
);
CREATE INDEX IF NOT EXISTS mon_result_check_at_idx ON mon_result (check_id, at);

-- One row per check and hour that had results or time in a state other than up.
CREATE TABLE mon_rollup_hour (
    check_id      BIGINT NOT NULL,
    hour_start    TIMESTAMP WITH TIME ZONE NOT NULL,
    results       INT    NOT NULL,
    failures      INT    NOT NULL,
    latency_min   INT,
    latency_mean  INT,
    latency_p95   INT,
    latency_max   INT,
    down_s        INT    NOT NULL,
    degraded_s    INT    NOT NULL,
    maintenance_s INT    NOT NULL,
    PRIMARY KEY (check_id, hour_start)
);

-- The last ping of each heartbeat check (its body, up to 10 KB, kept as it came).
CREATE TABLE mon_heartbeat_ping (
    check_id BIGINT  NOT NULL PRIMARY KEY REFERENCES mon_check (id) ON DELETE CASCADE,
    at       TIMESTAMP WITH TIME ZONE NOT NULL,
    ok       BOOLEAN NOT NULL,
    body     VARCHAR(10240)
);

-- Housekeeping (rollups, purge): done_until is how far the job has got; a node claims a run by a
-- compare-and-set on lease_until so that one node does it at a time.
CREATE TABLE mon_job (
    name        VARCHAR(40) NOT NULL PRIMARY KEY,
    done_until  TIMESTAMP WITH TIME ZONE,
    lease_owner VARCHAR(64),
    lease_until TIMESTAMP WITH TIME ZONE
);
INSERT INTO mon_job (name) VALUES ('rollup');
INSERT INTO mon_job (name) VALUES ('purge');

-- Other nodes find edited checks by their updated_at.
CREATE INDEX IF NOT EXISTS mon_check_updated_idx ON mon_check (updated_at);
