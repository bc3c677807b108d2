-- A check stays with the node that claimed it while that node is alive (its mon_node heartbeat):
-- per-check lease expiry is gone, and with it the renewal that rewrote every status row each
-- quarter-minute (100,000 rows at 100,000 checks a minute).
ALTER TABLE mon_check_status DROP COLUMN lease_until;
