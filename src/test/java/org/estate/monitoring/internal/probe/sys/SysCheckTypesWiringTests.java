package org.estate.monitoring.internal.probe.sys;

import static org.assertj.core.api.Assertions.assertThat;

import org.estate.monitoring.internal.probe.CheckTypes;
import org.estate.test.EstateTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** In the application, the ping, snmp and database types are found by key, and the ICMP capability is known. */
@EstateTest
class SysCheckTypesWiringTests {

    @Autowired
    CheckTypes types;

    @Autowired
    IcmpSupport icmp;

    @Test
    void theTypesAreRegisteredAndIcmpIsDecided() {
        assertThat(types.keys()).contains("ping", "snmp", "database");
        assertThat(types.find("snmp")).get().extracting(t -> t.secretFields())
            .isEqualTo(java.util.Set.of("community", "authPassword", "privPassword"));
        // decided once at start: either a socket kind, or a reason saying how to fix it
        assertThat(icmp.available() ? icmp.socketKind() : icmp.reason()).isPresent();
    }
}
