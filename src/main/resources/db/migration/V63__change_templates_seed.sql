-- The council's starter set of standard change templates (managers keep them afterwards).
INSERT INTO chg_template (template_key, name, description, implementation_plan, backout_plan, test_plan, ci_classes, max_duration_minutes, created_at)
VALUES ('restart-application-service', 'Restart an application service', 'Restart one application service to clear a fault or apply configuration.',
        'Announce in the team channel; stop the service; start it; watch the logs for errors.',
        'If it does not start, restart the server it runs on; if still down, raise a P2 incident.',
        'Open the application and sign in; check its monitoring check is green.',
        'application', 30, TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00+00');
INSERT INTO chg_template (template_key, name, description, implementation_plan, backout_plan, test_plan, ci_classes, max_duration_minutes, created_at)
VALUES ('monthly-os-patches', 'Apply monthly OS patches to a VM', 'Install the month''s approved operating system updates on one virtual machine and reboot it.',
        'Take a snapshot; install the approved updates; reboot; remove the snapshot after 48 hours.',
        'Revert to the snapshot taken before patching.',
        'Check the VM boots, its services start and its monitoring checks are green.',
        'virtual-machine', 120, TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00+00');
INSERT INTO chg_template (template_key, name, description, implementation_plan, backout_plan, test_plan, ci_classes, max_duration_minutes, created_at)
VALUES ('renew-tls-certificate', 'Renew a TLS certificate', 'Replace an expiring TLS certificate with its renewal.',
        'Obtain the renewed certificate; install it alongside the old one; switch the binding; reload the service.',
        'Switch the binding back to the old certificate and reload.',
        'Browse to the site and check the new expiry date; check the TLS monitoring check.',
        'certificate,application', 60, TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00+00');
INSERT INTO chg_template (template_key, name, description, implementation_plan, backout_plan, test_plan, ci_classes, max_duration_minutes, created_at)
VALUES ('firewall-rule-from-request', 'Add a firewall rule from an approved request', 'Add one firewall rule exactly as an approved service request asks.',
        'Back up the rule base; add the rule as requested; commit; note the rule id on the request.',
        'Remove the rule and restore the backed-up rule base.',
        'Test the connection the request asked for; check no other rule was changed.',
        'network-device', 30, TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00+00');
INSERT INTO chg_template (template_key, name, description, implementation_plan, backout_plan, test_plan, ci_classes, max_duration_minutes, created_at)
VALUES ('extend-vm-disk', 'Extend a VM disk', 'Grow a virtual machine''s disk and the file system on it.',
        'Take a snapshot; extend the virtual disk; extend the partition and file system online.',
        'Revert to the snapshot.',
        'Check the new size is seen by the operating system and the services on it run.',
        'virtual-machine', 60, TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00+00');
