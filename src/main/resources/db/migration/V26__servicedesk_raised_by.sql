-- Who raised a ticket (the signed-in user who logged it), as distinct from the requester it is for:
-- neither may approve a request. Existing tickets take it from their "created" timeline entry.
ALTER TABLE sd_ticket ADD COLUMN raised_by VARCHAR(100);

UPDATE sd_ticket SET raised_by = (
    SELECT e.actor FROM sd_ticket_event e
    WHERE e.id = (SELECT MIN(c.id) FROM sd_ticket_event c WHERE c.ticket_id = sd_ticket.id AND c.kind = 'created'))
WHERE ticket_type = 'request';
