package ru.supportgateway.email;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MailCharsetsTest {

    private final MailCharsets charsets = MailCharsets.russian();
    private final HeaderDecoder headers = new HeaderDecoder(charsets);

    @ParameterizedTest
    @CsvSource({
        "cp-1251, windows-1251", "win-1251, windows-1251", "WINDOWS1251, windows-1251", "x-cp1251, windows-1251",
        "\"windows-1251\", windows-1251", "koi8r, KOI8-R", "KOI-8R, KOI8-R", "cp-866, IBM866", "dos-866, IBM866",
        "iso8859-5, ISO-8859-5", "utf8, UTF-8", "UTF-8, UTF-8", "koi8-u, KOI8-U",
    })
    void resolvesLabelsAndMisspellings(String label, String expected) {
        assertThat(charsets.lookup(label)).contains(Charset.forName(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"x-unknown", "unknown-8bit", "  ", "no such charset!"})
    void unknownLabelsResolveToNothing(String label) {
        assertThat(charsets.lookup(label)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
        "windows-1251, Добрый день! Прошу проверить оценки за четверть.",
        "KOI8-R,       Добрый день! Прошу проверить оценки за четверть.",
        "IBM866,       Добрый день! Прошу проверить оценки за четверть.",
        "ISO-8859-5,   Добрый день! Прошу проверить оценки за четверть.",
        "windows-1251, СРОЧНО: НЕ РАБОТАЕТ ЖУРНАЛ",
        "KOI8-R,       СРОЧНО: НЕ РАБОТАЕТ ЖУРНАЛ",
        "windows-1251, Вход",
        "KOI8-R,       Вход",
        // Letter frequencies alone would take these KOI8-R bytes for windows-1251 "дМЕБМХЙ":
        // an upper-case letter right after a lower-case one is what gives the wrong guess away.
        "KOI8-R,       Дневник",
        "windows-1251, Дневник",
        "UTF-8,        Добрый день",
    })
    void guessesUnlabelledRussianText(String charset, String text) {
        byte[] bytes = text.getBytes(Charset.forName(charset));

        assertThat(charsets.decode(bytes, null)).isEqualTo(text);
        assertThat(charsets.decode(bytes, "x-unknown")).isEqualTo(text);
    }

    @Test
    void labelsThatLieAboutAsciiOrUtf8AreOverruled() {
        byte[] cp1251 = "Журнал оценок".getBytes(MailCharsets.WINDOWS_1251);

        assertThat(charsets.decode(cp1251, "us-ascii")).isEqualTo("Журнал оценок");
        assertThat(charsets.decode(cp1251, "utf-8")).isEqualTo("Журнал оценок");
    }

    @Test
    void aTrustedLabelIsFollowedEvenWhenAGuessWouldDiffer() {
        // KOI8-R bytes labelled windows-1251 are shown as windows-1251: labels are not second-guessed.
        byte[] koi8 = "Журнал".getBytes(MailCharsets.KOI8_R);

        assertThat(charsets.decode(koi8, "windows-1251")).isEqualTo(new String(koi8, MailCharsets.WINDOWS_1251));
    }

    @Test
    void bytesThatLookLikeNoRussianFallBackToTheConfiguredCharset() {
        // Every high byte is a Russian letter in some candidate charset; this pair is junk in all four
        // (CP866 "Б▒", windows-1251 "Ѓ±", KOI8-R box drawing, ISO-8859-5 control + "Б").
        byte[] noise = {(byte) 0x81, (byte) 0xB1};

        assertThat(new MailCharsets(MailCharsets.KOI8_R).guess(noise)).isEqualTo(MailCharsets.KOI8_R);
        assertThat(new MailCharsets(MailCharsets.WINDOWS_1251).guess(noise)).isEqualTo(MailCharsets.WINDOWS_1251);
    }

    @Test
    void encodedWordWithUnknownCharsetIsGuessed() {
        String b64 = Base64.getEncoder().encodeToString("Оценки".getBytes(MailCharsets.KOI8_R));

        assertThat(headers.decode("=?x-unknown?B?" + b64 + "?=")).isEqualTo("Оценки");
    }

    @Test
    void encodedWordRulesFromRfc2047And2231() {
        // White space between adjacent encoded words disappears; around plain words it stays.
        assertThat(headers.decode("=?utf-8?Q?=D0=90?= =?utf-8?Q?=D0=91?= and =?utf-8?Q?=D0=92?="))
                .isEqualTo("АБ and В");
        // RFC 2231 language tag in the charset field.
        assertThat(headers.decode("=?utf-8*ru?Q?=D0=94=D0=B0?=")).isEqualTo("Да");
        // Folded header lines are unfolded.
        assertThat(headers.decode("=?utf-8?B?0JTQsA==?=\r\n =?utf-8?B?0J3QtdGC?=")).isEqualTo("ДаНет");
    }

    @Test
    void brokenEncodedWordIsKeptAsWritten() {
        assertThat(headers.decode("Re: =?utf-8?B?***?= тема")).isEqualTo("Re: =?utf-8?B?***?= тема");
    }

    @Test
    void raw8bitUtf8HeaderIsRecovered() {
        String asJakartaMailReadsIt = new String("Привет".getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);

        assertThat(headers.decode(asJakartaMailReadsIt)).isEqualTo("Привет");
    }
}
