package org.estate.oncall.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** The SMS number parser: what it accepts (as E.164) and what it refuses, with a reason. */
class PhoneNumbersTests {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "07700 900123        | +447700900123",
        "07700900123         | +447700900123",
        "  07700 900 123     | +447700900123",
        "07700-900-123       | +447700900123",
        "(07700) 900123      | +447700900123",
        "07700 900000        | +447700900000",
        "07700 900999        | +447700900999",
        "+447700900123       | +447700900123",
        "+44 7700 900123     | +447700900123",
        "+44 (0)7700 900123  | +447700900123",
        "+44 07700 900123    | +447700900123",
        "0044 7700 900123    | +447700900123",
        "00447700900123      | +447700900123",
        "+353 85 123 4567    | +353851234567",
        "+1 (202) 555-0143   | +12025550143",
        "0033 6 12 34 56 78  | +33612345678",
        "+49 1512 3456789    | +4915123456789",
        "+12345678           | +12345678",
        "+123456789012345    | +123456789012345",
        "07700\u00a0900123   | +447700900123",
    })
    void acceptsAndAnswersE164(String input, String e164) {
        PhoneNumbers.Parsed p = PhoneNumbers.parse(input);
        assertThat(p.problem()).as(input).isNull();
        assertThat(p.e164()).isEqualTo(e164);
        assertThat(PhoneNumbers.e164(input)).contains(e164);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "0770090012          | 11 digits",
        "077009001234        | 11 digits",
        "01632 960123        | landline",
        "020 7946 0000       | landline",
        "0800 123456         | landline",
        "+44 1632 960123     | landline",
        "+44 20 7946 0000    | landline",
        "+44 7700 90012      | 10 digits after +44",
        "+44 7700 9001234    | 10 digits after +44",
        "+1234567            | 8 to 15 digits",
        "+1234567890123456   | 8 to 15 digits",
        "+0123456789         | never starts with 0",
        "7700 900123         | starting with +",
        "07700 9OO123        | only digits",
        "call 07700 900123   | only digits",
        "07700+900123        | only digits",
        "++447700900123      | only digits",
        "+44 7700 900123 x2  | only digits",
        "0044                | 10 digits after +44",
    })
    void refusesWithAReason(String input, String reason) {
        PhoneNumbers.Parsed p = PhoneNumbers.parse(input);
        assertThat(p.ok()).as(input).isFalse();
        assertThat(p.e164()).isNull();
        assertThat(p.problem()).contains(reason);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "0770090012307700900123077009001230770090"})
    void refusesNothingAndTooLong(String input) {
        assertThat(PhoneNumbers.parse(input).ok()).isFalse();
    }
}
