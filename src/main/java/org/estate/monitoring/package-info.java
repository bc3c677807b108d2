/**
 * Monitoring: checks of every kind the estate needs (HTTP, TCP, ping, DNS, TLS, SNMP interface,
 * database, heartbeat, and external alerts from Prometheus Alertmanager), run on a shared schedule
 * by every live node; states with failure and recovery thresholds; one incident per root cause
 * through the dependency graph, aware of redundancy and of maintenance; availability per check, CI
 * and business service against target.
 *
 * <p>Uses {@code change} ({@link org.estate.change.Maintenance}: which CIs are in maintenance),
 * {@code servicedesk} (it opens, updates and resolves incidents through the desk's public service),
 * {@code cmdb} (the graph and the impact engine) and {@code platform}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Monitoring")
package org.estate.monitoring;
