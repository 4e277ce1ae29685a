package ru.supportgateway.telephony;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class PhoneNumbersTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "8 (3452) 390-679   | +73452390679",
            "+73452390679       | +73452390679",
            "73452390679        | +73452390679",
            "+7 (912) 345-67-89 | +79123456789",
            "89123456789        | +79123456789",
            "9123456789         | +79123456789",
            "3452390679         | +73452390679",
            "+15555550123       | +15555550123",
            "+44 20 7946 0958   | +442079460958",
            "8-10-49-30-1234567 | +49301234567",
            "0049301234567      | +49301234567",
    })
    void normalisesToE164(String raw, String expected) {
        assertThat(PhoneNumbers.normalize(raw)).contains(expected);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"<unknown>", "anonymous", "abc123", "1000", "201", "+7912345", "+7 912 345 67 89 1",
            "12345", "+0123456789", "390-679", "8 (3452) 390-679 ext 5"})
    void rejectsWhatCannotBeCalledBack(String raw) {
        assertThat(PhoneNumbers.normalize(raw)).isEmpty();
    }
}
