package org.estate.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Range and precision of typed values, and the tolerant reader of what is already stored. */
@Tag("unit")
class ValueLimitsTests {

    @Test
    void numbersWithinRangeAreExactAndCanonical() {
        assertThat(ValueLimits.decimal("12345678901234567890.123456789").value()).isEqualTo(new BigDecimal("12345678901234567890.123456789"));
        assertThat(ValueLimits.decimal("9999999999999999999999999999.9999999999").value().toPlainString())
            .isEqualTo("9999999999999999999999999999.9999999999");
        assertThat(ValueLimits.decimal("1e3").value().toPlainString()).isEqualTo("1000");
        assertThat(ValueLimits.decimal("1.50").value().toPlainString()).isEqualTo("1.5");
        assertThat(ValueLimits.decimal("-0.0000000001").value().toPlainString()).isEqualTo("-0.0000000001");
        assertThat(ValueLimits.decimal("0e-999999999").value()).isEqualTo(BigDecimal.ZERO);
    }

    @Test
    @Timeout(5)
    void numbersOutOfRangeAreRefusedWithoutBurningCpu() {
        for (String s : List.of("1e1000", "1e10000000", "1E+2147483647", "1e-1000000000", "10000000000000000000000000000",
            "0.00000000001", "1".repeat(1001), "NaN", "Infinity", "0x10", "", "1,000")) {
            assertThat(ValueLimits.decimal(s).problem()).as(s).isNotNull();
            assertThat(ValueLimits.decimal(s).value()).as(s).isNull();
        }
        assertThat(ValueLimits.decimal(new BigDecimal("1E+10000000")).problem()).contains("too large");
    }

    @Test
    void datesStayWithinYearsOneTo9999() {
        List<String> problems = new ArrayList<>();
        assertThat(ValueLimits.date("0001-01-01", problems::add)).isEqualTo(LocalDate.of(1, 1, 1));
        assertThat(ValueLimits.date("9999-12-31", problems::add)).isEqualTo(LocalDate.of(9999, 12, 31));
        assertThat(problems).isEmpty();
        for (String s : List.of("0000-01-01", "-999999999-01-01", "+10000-01-01", "+999999999-12-31", "2023-02-29", "31/12/2027")) {
            List<String> p = new ArrayList<>();
            assertThat(ValueLimits.date(s, p::add)).as(s).isNull();
            assertThat(p).as(s).hasSize(1);
        }
    }

    @Test
    void textWithControlCharactersOrUnpairedSurrogatesIsRefused() {
        assertThat(ValueLimits.textProblem("a\u0000b", 10, true)).isNotNull();
        assertThat(ValueLimits.textProblem("a\nb", 10, false)).isNotNull();
        assertThat(ValueLimits.textProblem("a\nb\tc", 10, true)).isNull();
        assertThat(ValueLimits.textProblem("\ud800x", 10, true)).contains("surrogate");
        assertThat(ValueLimits.textProblem("😀 ok", 10, false)).isNull();
        assertThat(ValueLimits.textProblem("x".repeat(11), 10, false)).contains("10 characters");
    }

    @Test
    @Timeout(5)
    void storedJsonReadsBackBadValuesAsTheirText() {
        String huge = "1" + "0".repeat(1000);
        Map<String, Object> m = StoredJson.readObject("{\"a\":" + huge + ",\"b\":1.5,\"c\":\"x\",\"d\":[1,2],\"e\":true,\"f\":1e10000000}");
        assertThat(m.get("a")).isEqualTo(huge);
        assertThat(m.get("b")).isEqualTo(new BigDecimal("1.5"));
        assertThat(m.get("c")).isEqualTo("x");
        assertThat(m.get("d")).isEqualTo(List.of(BigDecimal.ONE, new BigDecimal("2")));
        assertThat(m.get("e")).isEqualTo(true);
        assertThat(m.get("f")).isEqualTo("1e10000000");
        assertThat(StoredJson.readObject("{not json")).containsEntry("stored", "{not json");
    }
}
