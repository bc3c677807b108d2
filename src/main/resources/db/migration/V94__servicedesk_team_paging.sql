-- A team names the escalation policy its pages follow and the channels (keys) its pages also post to.
ALTER TABLE sd_team ADD COLUMN escalation_policy VARCHAR(60);
ALTER TABLE sd_team ADD COLUMN channels VARCHAR(2000);
