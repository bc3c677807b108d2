package org.estate.cmdb.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.estate.cmdb.AttributeDefinition;
import org.estate.cmdb.AttributeType;
import org.estate.cmdb.CiClass;
import org.estate.cmdb.CiInput;
import org.estate.platform.ValidationException.FieldError;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The one set of rules behind the API, the forms and the CSV import. */
@Tag("unit")
class CiValidatorTests {

    static final CiClass SERVER = new CiClass("server", "Server", "", List.of(
        def("ipAddress", AttributeType.IP_ADDRESS), def("cpuCores", AttributeType.NUMBER), def("virtual", AttributeType.BOOLEAN),
        def("bought", AttributeType.DATE), def("url", AttributeType.URL), def("contact", AttributeType.EMAIL),
        new AttributeDefinition("tier", "Tier", AttributeType.ENUM, false, List.of("gold", "silver"), true),
        new AttributeDefinition("rack", "Rack", AttributeType.TEXT, true, List.of(), false)));

    static AttributeDefinition def(String key, AttributeType type) {
        return new AttributeDefinition(key, key, type, false, List.of(), true);
    }

    static CiValidator.Result validate(Map<String, Object> attributes) {
        return CiValidator.validate(new CiInput("server", " srv-1 ", null, null, null, null, null, null, List.of("dc1", "dc1", "pci"),
            attributes), Map.of("server", SERVER));
    }

    static Object parse(AttributeType type, Object value, List<FieldError> errors) {
        return CiValidator.parse(def("x", type), value, errors);
    }

    @Test
    void canonicalValuesSoEqualContentIsEqual() {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("rack", " R4 ");
        a.put("cpuCores", "16.0");
        a.put("virtual", "yes");
        a.put("bought", "2024-02-29");
        CiValidator.Result r = validate(a);
        assertThat(r.errors()).isEmpty();
        assertThat(r.ci().name()).isEqualTo("srv-1");
        assertThat(r.ci().status()).isEqualTo("live");
        assertThat(r.ci().criticality()).isEqualTo("medium");
        assertThat(r.ci().tags()).containsExactly("dc1", "pci");
        assertThat(r.ci().attributes()).containsEntry("rack", "R4").containsEntry("cpuCores", new BigDecimal("16"))
            .containsEntry("virtual", true).containsEntry("bought", "2024-02-29");
        Map<String, Object> b = new LinkedHashMap<>(Map.of("rack", "R4", "cpuCores", 16, "virtual", true, "bought", "2024-02-29"));
        assertThat(validate(b).ci().sameContentAs(r.ci())).isTrue();
        assertThat(org.estate.platform.ValueLimits.decimal(new BigDecimal("1E+3")).value().toPlainString()).isEqualTo("1000");
    }

    @Test
    void everyBadAttributeIsReported() {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("ipAddress", "10.0.0.256");
        a.put("cpuCores", "many");
        a.put("virtual", "perhaps");
        a.put("bought", "2023-02-29");
        a.put("url", "ftp://files.example");
        a.put("contact", "not-an-email");
        a.put("tier", "bronze");
        a.put("colour", "red");
        List<String> fields = validate(a).errors().stream().map(FieldError::field).toList();
        assertThat(fields).containsExactlyInAnyOrder("attributes.ipAddress", "attributes.cpuCores", "attributes.virtual",
            "attributes.bought", "attributes.url", "attributes.contact", "attributes.tier", "attributes.colour", "attributes.rack");
    }

    @Test
    void ipAddressesWithoutLookingAnythingUp() {
        assertThat(CiValidator.isIpAddress("10.20.1.15")).isTrue();
        assertThat(CiValidator.isIpAddress("2001:db8::1")).isTrue();
        assertThat(CiValidator.isIpAddress("::1")).isTrue();
        assertThat(CiValidator.isIpAddress("256.1.1.1")).isFalse();
        assertThat(CiValidator.isIpAddress("cafe")).isFalse();
        assertThat(CiValidator.isIpAddress("server.example")).isFalse();
        assertThat(CiValidator.isIpAddress("2001:db8:::1:::")).isFalse();
    }

    @Test
    void coreFieldsAreChecked() {
        CiValidator.Result r = CiValidator.validate(new CiInput("spaceship", "", "broken", "extreme", null, null, "31/12/2027",
            null, List.of("has space"), Map.of()), Map.of("server", SERVER));
        assertThat(r.errors()).extracting(FieldError::field).containsExactlyInAnyOrder("class", "name", "status", "criticality",
            "endOfLife", "tags");
        List<FieldError> errors = new ArrayList<>();
        assertThat(parse(AttributeType.NUMBER, List.of(1), errors)).isNull();
        assertThat(parse(AttributeType.TEXT, Map.of("a", 1), errors)).isNull();
        assertThat(errors).hasSize(2);
    }
}
