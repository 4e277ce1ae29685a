package ru.supportgateway.email;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ThreadingTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Re: [SC-2026-000042] Не открывается дневник | SC-2026-000042",
        "RE: FW: [sc-2026-42]                         | SC-2026-000042",
        "Fwd: [ Lyceum2-2025-7 ] вопрос               | LYCEUM2-2025-000007",
        "Ответ на заявку SC-2026-000042               | SC-2026-000042",
        "Re: по заявке sc-2026-001234, срочно         | SC-2026-001234",
        "[SC-2026-000042] Re: [SC-2026-000017]        | SC-2026-000042",
        "Заявка SC-2026-000017 и [SC-2026-000042]     | SC-2026-000042",
    })
    void findsAndNormalisesRequestNumbers(String subject, String expected) {
        assertThat(RequestNumbers.findIn(subject)).contains(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Не открывается дневник",
        "Расписание на 2026-01-15",
        "Заказ 2026-000042",
        "SC-2026-42 без скобок и с коротким номером",
        "SC-2026-0000421",
        "X-SC-2026-000042",
        "[SC-1999-000042]",
        "[SC-2026-000000]",
        "[2026-000042]",
        "[SC-2026-1234567]",
        "Телефон 8-800-2026-000042",
    })
    void ignoresThingsThatAreNotRequestNumbers(String subject) {
        assertThat(RequestNumbers.findIn(subject)).isEmpty();
    }

    @Test
    void nullSubjectHasNoNumber() {
        assertThat(RequestNumbers.findIn(null)).isEqualTo(Optional.empty());
    }

    @Test
    void formatAndTagRoundTripThroughFindIn() {
        String number = RequestNumbers.format("sc", 2026, 42);

        assertThat(number).isEqualTo("SC-2026-000042");
        assertThat(RequestNumbers.findIn("Re: " + RequestNumbers.tag(number) + " тема")).contains(number);
    }

    @Test
    void formatRejectsInvalidParts() {
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                .isThrownBy(() -> RequestNumbers.format("S-C", 2026, 1)).withMessageContaining("desk id");
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                .isThrownBy(() -> RequestNumbers.format("SC", 2026, 1_000_000)).withMessageContaining("sequence");
    }

    @Test
    void candidatesAreInReplyToFirstThenReferencesNewestFirst() {
        List<String> ids = Threading.candidateMessageIds("c@x", List.of("a@x", "b@x", "c@x"));

        assertThat(ids).containsExactly("c@x", "b@x", "a@x");
    }

    @Test
    void candidatesSkipBlanksStripBracketsAndWorkWithoutInReplyTo() {
        assertThat(Threading.candidateMessageIds(null, List.of("<a@x>", " ", "b@x"))).containsExactly("b@x", "a@x");
        assertThat(Threading.candidateMessageIds(null, null)).isEmpty();
    }

    @Test
    void candidatesFromAParsedReply() throws Exception {
        ParsedMail reply = MailParser.withDefaults().parse(EmailFixtures.load("reply-threaded.eml"));

        assertThat(Threading.candidateMessageIds(reply))
                .containsExactly("ack-0012@support.school.example", "koi8-0001@mail.example");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Re: [SC-2026-000042] Не открывается дневник     | Не открывается дневник",
        "RE: FW: [sc-2026-42] Пароль                     | Пароль",
        "Отв: Пересл: Расписание 5Б                      | Расписание 5Б",
        "AW: WG: Re[2]: Fwd: Оценки                      | Оценки",
        "Ответ: RE(3): тема [SC-2026-000042]             | тема",
        "Re:Re:  много   пробелов                        | много пробелов",
        "Вопрос про Re: не префикс                       | Вопрос про Re: не префикс",
        "Reserve: не префикс                             | Reserve: не префикс",
        "Заказ [2026-15] по теме                         | Заказ [2026-15] по теме",
    })
    void cleansSubjectsForDisplay(String subject, String expected) {
        assertThat(SubjectCleaner.clean(subject)).isEqualTo(expected);
    }

    @Test
    void cleaningNothingGivesEmptyString() {
        assertThat(SubjectCleaner.clean(null)).isEmpty();
        assertThat(SubjectCleaner.clean("Re: [SC-2026-000042]")).isEmpty();
    }
}
