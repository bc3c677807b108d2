/**
 * The check types that reach past HTTP: {@code ping} (ICMP echo through JNA, one shared socket),
 * {@code snmp} (interface traffic and state through SNMP4J, one shared engine) and {@code database}
 * (a query through the JDBC drivers). Each type validates its own target (with {@code TargetReader})
 * and keeps what the next run needs in its prober.
 */
package org.estate.monitoring.internal.probe.sys;
