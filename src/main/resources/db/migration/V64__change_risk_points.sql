-- The risk model's points, which admins may change (the issue's default model).
CREATE TABLE chg_risk_point (
    factor_key VARCHAR(40) PRIMARY KEY,
    points     INT NOT NULL
);
INSERT INTO chg_risk_point (factor_key, points) VALUES ('down-critical', 40);
INSERT INTO chg_risk_point (factor_key, points) VALUES ('down-high', 30);
INSERT INTO chg_risk_point (factor_key, points) VALUES ('down-other', 20);
INSERT INTO chg_risk_point (factor_key, points) VALUES ('degraded', 10);
INSERT INTO chg_risk_point (factor_key, points) VALUES ('further-service-down', 2);
INSERT INTO chg_risk_point (factor_key, points) VALUES ('further-services-max', 10);
INSERT INTO chg_risk_point (factor_key, points) VALUES ('office-hours', 15);
INSERT INTO chg_risk_point (factor_key, points) VALUES ('backout-not-tested', 10);
INSERT INTO chg_risk_point (factor_key, points) VALUES ('failed-change', 10);
INSERT INTO chg_risk_point (factor_key, points) VALUES ('failed-changes-max', 20);
INSERT INTO chg_risk_point (factor_key, points) VALUES ('emergency', 10);
INSERT INTO chg_risk_point (factor_key, points) VALUES ('short-notice', 10);
INSERT INTO chg_risk_point (factor_key, points) VALUES ('collision', 10);
