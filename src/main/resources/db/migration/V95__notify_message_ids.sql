-- Each email sent by SMTP carries its own Message-ID, kept here, so that a bounce (a delivery status
-- notification returned to the bounce mailbox, which quotes the original's Message-ID) finds its message.
-- Random, so that nobody who has not seen the message can fail it with a forged bounce.
ALTER TABLE notify_outbox ADD COLUMN message_id VARCHAR(200);
CREATE UNIQUE INDEX IF NOT EXISTS notify_outbox_message_id_uq ON notify_outbox (message_id);
