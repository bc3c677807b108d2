package org.estate.monitoring.internal.probe.sys;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.estate.platform.ValidationException.FieldError;
import org.junit.jupiter.api.Test;

/** The snmp target's rules: defaults, v2c against v3 fields, the v3 security choices, the interface forms. */
class SnmpCheckTypeTests {

    private final SnmpCheckType type = new SnmpCheckType(new SnmpSession());

    private List<String> errorsFor(Object... kv) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        List<FieldError> errors = new ArrayList<>();
        type.normalise(m, errors);
        return errors.stream().map(FieldError::field).toList();
    }

    @Test
    void v2cDefaultsAndTheInterfaceForms() {
        List<FieldError> errors = new ArrayList<>();
        Map<String, Object> out = type.normalise(Map.of("host", "switch1", "community", "s3cret", "interface", "GigabitEthernet0/1"), errors);
        assertThat(errors).isEmpty();
        assertThat(out).containsEntry("port", 161).containsEntry("version", "2c").containsEntry("community", "s3cret")
            .containsEntry("interface", "GigabitEthernet0/1").containsEntry("maxUtilisationPercent", 90);
        assertThat(type.normalise(Map.of("host", "s", "community", "c", "interface", "12"), errors)).containsEntry("interface", 12);
        assertThat(type.normalise(Map.of("host", "s", "community", "c", "interface", 7), errors)).containsEntry("interface", 7);
        assertThat(errors).isEmpty();
        assertThat(type.secretFields()).containsExactlyInAnyOrder("community", "authPassword", "privPassword");
    }

    @Test
    void v2cNeedsACommunityAndRefusesUsers() {
        assertThat(errorsFor("host", "s", "interface", 1)).containsExactly("target.community");
        assertThat(errorsFor("host", "s", "community", "c", "interface", 1, "user", "u", "authProtocol", "SHA"))
            .containsExactlyInAnyOrder("target.user", "target.authProtocol");
        assertThat(errorsFor("host", "s", "community", "c", "interface", 0, "port", 0, "maxUtilisationPercent", 101, "version", "1", "oid", "x"))
            .containsExactlyInAnyOrder("target.interface", "target.port", "target.maxUtilisationPercent", "target.version", "target.oid");
        assertThat(errorsFor("community", "c")).containsExactlyInAnyOrder("target.host", "target.interface");
    }

    @Test
    void v3SecurityChoices() {
        List<FieldError> errors = new ArrayList<>();
        Map<String, Object> out = type.normalise(Map.of("host", "s", "version", 3, "user", "mon", "authProtocol", "sha-256",
            "authPassword", "auth-pass-1", "privProtocol", "aes", "privPassword", "priv-pass-1", "interface", "eth0"), errors);
        assertThat(errors).isEmpty();
        assertThat(out).containsEntry("version", "3").containsEntry("authProtocol", "SHA-256").containsEntry("privProtocol", "AES");

        assertThat(errorsFor("host", "s", "version", "3", "user", "mon", "interface", 1)).isEmpty(); // noAuthNoPriv
        assertThat(errorsFor("host", "s", "version", "3", "interface", 1, "community", "c")).containsExactlyInAnyOrder("target.user", "target.community");
        assertThat(errorsFor("host", "s", "version", "3", "user", "mon", "interface", 1, "authProtocol", "SHA")).containsExactly("target.authPassword");
        assertThat(errorsFor("host", "s", "version", "3", "user", "mon", "interface", 1, "authProtocol", "SHA", "authPassword", "short"))
            .containsExactly("target.authPassword");
        assertThat(errorsFor("host", "s", "version", "3", "user", "mon", "interface", 1, "privProtocol", "AES", "privPassword", "priv-pass-1"))
            .containsExactly("target.privProtocol");
        assertThat(errorsFor("host", "s", "version", "3", "user", "mon", "interface", 1, "authProtocol", "SHA-1024", "authPassword", "auth-pass-1"))
            .containsExactly("target.authProtocol");
    }
}
