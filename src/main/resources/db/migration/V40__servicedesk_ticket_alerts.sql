-- Alerts sent at once (a new or raised P1/P2 to the team, a request awaiting approval to the
-- managers), one row per ticket and kind: a listener run again after a crash sends nothing twice.
CREATE TABLE sd_ticket_alert (
    ticket_ref VARCHAR(20) NOT NULL,
    kind       VARCHAR(40) NOT NULL,
    sent_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (ticket_ref, kind)
);
