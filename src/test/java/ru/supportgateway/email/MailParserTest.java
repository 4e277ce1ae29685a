package ru.supportgateway.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class MailParserTest {

    private final MailParser parser = MailParser.withDefaults();

    @Test
    void koi8rQuotedPrintableMailIsDecoded() throws Exception {
        byte[] raw = EmailFixtures.load("koi8r-qp.eml");

        ParsedMail mail = parser.parse(raw);

        assertThat(mail.subject()).isEqualTo("Не открывается дневник");
        assertThat(mail.from()).isEqualTo(new MailAddress("ivanova@mail.example", "Иванова Мария Петровна"));
        assertThat(mail.to()).containsExactly(new MailAddress("support@school.example", "Поддержка"));
        assertThat(mail.textBody()).isEqualTo("""
                Здравствуйте!
                У сына (5Б класс) не открывается электронный дневник: после входа появляется ошибка \
                "Доступ запрещён", а вчера всё работало.
                Подскажите, пожалуйста, что делать.

                С уважением, Иванова Мария Петровна""");
        assertThat(mail.sanitisedHtml()).isNull();
        assertThat(mail.messageId()).isEqualTo("koi8-0001@mail.example");
        assertThat(mail.date()).isEqualTo(Instant.parse("2026-01-13T06:15:30Z"));
        assertThat(mail.attachments()).isEmpty();
        assertThat(mail.rawSize()).isEqualTo(raw.length);
        assertThat(mail.contentHash()).isEqualTo(EmailFixtures.sha256(raw));
    }

    @Test
    void windows1251Base64BodyAndQEncodedSubject() throws Exception {
        ParsedMail mail = parser.parse(EmailFixtures.load("win1251-base64.eml"));

        assertThat(mail.subject()).isEqualTo("Вопрос по расписанию 5Б");
        assertThat(mail.textBody()).isEqualTo("""
                Добрый день!
                Прошу исправить расписание 5Б класса на пятницу: вместо физкультуры стоит информатика.
                Заранее спасибо.""");
        assertThat(mail.from()).isEqualTo(new MailAddress("petrov@school.example", "Petrov, Ivan"));
        assertThat(mail.replyTo()).containsExactly(new MailAddress("zavuch@school.example", "Завуч Петров"));
        // Group syntax "teachers: a, b;" is flattened into its members.
        assertThat(mail.cc()).containsExactly(
                new MailAddress("sidorova@school.example", "Сидорова А.А."),
                new MailAddress("kozlov@school.example", null));
        assertThat(mail.date()).isEqualTo(Instant.parse("2026-01-14T03:00:00Z"));
    }

    @Test
    void nestedAlternativeInMixedWithInlineImageAndAttachments() throws Exception {
        ParsedMail mail = parser.parse(EmailFixtures.load("mixed-alternative-attachments.eml"));

        assertThat(mail.subject()).isEqualTo("Справка и список");
        assertThat(mail.from().displayName()).isEqualTo("Классный руководитель");
        // Plain alternative wins for text; HTML alternative is kept sanitised, cid image included.
        assertThat(mail.textBody()).isEqualTo("Добрый день!\nВо вложении справка и список.\nСкриншот ниже.");
        assertThat(mail.sanitisedHtml())
                .contains("<p>Добрый день!</p>")
                .contains("src=\"cid:screenshot-1@school.example\"");

        assertThat(mail.attachments()).extracting(MailAttachment::fileName).containsExactly(
                "attachment-1.png",
                "Справка об обучении — 5Б класс.pdf",
                "Список учеников.txt",
                "Приказ о каникулах.eml");

        MailAttachment image = mail.attachments().get(0);
        assertThat(image.inline()).isTrue();
        assertThat(image.contentId()).isEqualTo("screenshot-1@school.example");
        assertThat(image.contentType()).isEqualTo("image/png");
        assertThat(image.bytes()).isEqualTo(EmailFixtures.imageBytes());

        MailAttachment pdf = mail.attachments().get(1);
        byte[] expectedPdf = EmailFixtures.pdfBytes();
        assertThat(pdf.contentType()).isEqualTo("application/pdf");
        assertThat(pdf.inline()).isFalse();
        assertThat(pdf.size()).isEqualTo(expectedPdf.length);
        assertThat(pdf.sha256()).isEqualTo(EmailFixtures.sha256(expectedPdf));
        assertThat(pdf.bytes()).isEqualTo(expectedPdf);

        MailAttachment txt = mail.attachments().get(2);
        assertThat(new String(txt.bytes(), StandardCharsets.UTF_8)).isEqualTo("1. Алексеев\n2. Борисова\n");
        assertThat(txt.contentType()).isEqualTo("text/plain");

        MailAttachment forwarded = mail.attachments().get(3);
        assertThat(forwarded.contentType()).isEqualTo("message/rfc822");
        // The forwarded message is kept whole, so it can be parsed on its own.
        ParsedMail inner = parser.parse(forwarded.bytes());
        assertThat(inner.subject()).isEqualTo("Приказ о каникулах");
        assertThat(inner.textBody()).isEqualTo("Каникулы с 23 марта.");
    }

    @Test
    void htmlOnlyMailIsSanitisedAndConvertedToText() throws Exception {
        ParsedMail mail = parser.parse(EmailFixtures.load("html-only-xss.eml"));

        String html = mail.sanitisedHtml();
        assertThat(html).isNotNull();
        assertThat(html.toLowerCase())
                .doesNotContain("<script", "alert", "onerror", "onload", "onclick", "javascript:",
                        "<iframe", "<svg", "<style", "style=", "tracker.example", "evil.example");
        assertThat(html)
                .contains("<p>Здравствуйте!</p>")
                .contains("<a href=\"https://school.example/help\" rel=\"noopener noreferrer nofollow\">откройте справку</a>")
                .contains("alt=\"pixel\"");

        assertThat(mail.textBody()).isEqualTo("""
                Здравствуйте!

                Не приходят уведомления
                о новых оценках.

                Нажмите или откройте справку <https://school.example/help>.

                - Chrome
                - Яндекс Браузер

                Спасибо!""");
        assertThat(mail.subject()).isEqualTo("Уведомления");
    }

    @Test
    void missingMessageIdGivesNullAndContentHashKey() throws Exception {
        byte[] raw = EmailFixtures.load("no-message-id.eml");

        ParsedMail mail = parser.parse(raw);

        assertThat(mail.messageId()).isNull();
        assertThat(mail.date()).isNull();
        assertThat(mail.idempotencyKey()).isEqualTo("sha256:" + EmailFixtures.sha256(raw));
        // Subject in ISO-8859-5 encoded words, body in CP866 sent as 8bit.
        assertThat(mail.subject()).isEqualTo("Пароль не подходит");
        assertThat(mail.textBody()).isEqualTo("Пароль от дневника не подходит.\nЛогин: petrov2014");
    }

    @Test
    void rawEightBitHeadersAndUnlabelledBodyAreGuessedAsWindows1251() throws Exception {
        ParsedMail mail = parser.parse(EmailFixtures.load("raw-8bit-headers.eml"));

        assertThat(mail.subject()).isEqualTo("Не работает вход в электронный журнал");
        assertThat(mail.from()).isEqualTo(new MailAddress("kuznetsova@old-client.example", "Кузнецова Светлана"));
        assertThat(mail.textBody()).isEqualTo("Учитель не может выставить оценки за четверть.");
    }

    @Test
    void misspeltAndUnknownCharsetsFallBackInsteadOfFailing() throws Exception {
        ParsedMail mail = parser.parse(EmailFixtures.load("misspelt-charset.eml"));

        assertThat(mail.subject()).isEqualTo("Отчёт по посещаемости");
        assertThat(mail.from().displayName()).isEqualTo("Зайцева Анна");
        // cp-1251 is resolved by alias, x-unknown (really KOI8-R) by guessing; inline parts join by line.
        assertThat(mail.textBody()).isEqualTo("Отчёт во вложении.\nПодпись: завуч по учебной работе");
        assertThat(mail.attachments()).singleElement().satisfies(a -> {
            assertThat(a.fileName()).isEqualTo("Отчёт.doc");
            assertThat(a.contentType()).isEqualTo("application/msword");
            assertThat(a.sha256()).isEqualTo(EmailFixtures.sha256(EmailFixtures.pdfBytes()));
        });
    }

    @Test
    void threadingHeadersAreExtractedWithoutBracketsOrComments() throws Exception {
        ParsedMail mail = parser.parse(EmailFixtures.load("reply-threaded.eml"));

        assertThat(mail.messageId()).isEqualTo("reply-0013@mail.example");
        assertThat(mail.inReplyTo()).isEqualTo("ack-0012@support.school.example");
        assertThat(mail.references()).containsExactly("koi8-0001@mail.example", "ack-0012@support.school.example");
        // Encoded words splitting one UTF-8 character are joined before decoding.
        assertThat(mail.subject()).isEqualTo("Re: [SC-2026-000042] Не открывается дневник");
    }

    @Test
    void deliveryStatusNotificationIsParsedWithReportParts() throws Exception {
        ParsedMail mail = parser.parse(EmailFixtures.load("dsn-bounce.eml"));

        assertThat(mail.from().address()).isEqualTo("MAILER-DAEMON@mx.school.example");
        assertThat(mail.textBody()).startsWith("This is the mail system at host mx.school.example.");
        assertThat(mail.automation().mimeType()).isEqualTo("multipart/report");
        assertThat(mail.automation().reportType()).isEqualTo("delivery-status");
        assertThat(mail.automation().hasDeliveryStatusPart()).isTrue();
        assertThat(mail.automation().returnPath()).isEqualTo("<>");
        assertThat(mail.attachments()).extracting(MailAttachment::contentType)
                .containsExactly("message/delivery-status", "text/rfc822-headers");
        assertThat(mail.attachments()).extracting(MailAttachment::fileName)
                .containsExactly("attachment-1.txt", "attachment-2.txt");
    }

    @Test
    void automationHeadersAreCaptured() throws Exception {
        AutomationHeaders oof = parser.parse(EmailFixtures.load("outlook-autoreply.eml")).automation();
        assertThat(oof.autoSubmitted()).isEqualTo("auto-replied");
        assertThat(oof.autoResponseSuppress()).isEqualTo("All");

        AutomationHeaders list = parser.parse(EmailFixtures.load("mailing-list.eml")).automation();
        assertThat(list.precedence()).isEqualTo("list");
        assertThat(list.listId()).isEqualTo("Новости <news.lists.edu.example>");
        assertThat(list.listUnsubscribe()).startsWith("<mailto:unsubscribe@lists.edu.example>");

        AutomationHeaders ack = parser.parse(EmailFixtures.load("gateway-ack.eml")).automation();
        assertThat(ack.gatewayMarker()).isEqualTo(GatewayHeaders.ACK);
    }

    @Test
    void garbageIsRejectedWithAClearReason() {
        assertThatThrownBy(() -> parser.parse(EmailFixtures.load("garbage.eml")))
                .isInstanceOf(MalformedMailException.class)
                .hasMessageContaining("not an email")
                .hasMessageContaining("first line is not a header field");
    }

    @Test
    void multipartTruncatedBeforeItsFirstPartIsRejected() {
        assertThatThrownBy(() -> parser.parse(EmailFixtures.load("truncated.eml")))
                .isInstanceOf(MalformedMailException.class)
                .hasMessageContaining("multipart/mixed")
                .hasMessageContaining("truncated");
    }

    @Test
    void emptyInputAndHeaderlessTextAreRejected() {
        assertThatThrownBy(() -> parser.parse(new byte[0]))
                .isInstanceOf(MalformedMailException.class)
                .hasMessageContaining("empty");
        byte[] notMail = "X-Foo: bar\r\n\r\nhello\r\n".getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> parser.parse(notMail))
                .isInstanceOf(MalformedMailException.class)
                .hasMessageContaining("none of the header fields");
    }

    @Test
    void truncatedBase64AttachmentKeepsWhatCanBeDecoded() throws Exception {
        byte[] full = EmailFixtures.load("mixed-alternative-attachments.eml");
        String text = new String(full, StandardCharsets.ISO_8859_1);
        // Cut the message in the middle of the PDF's base64 body, as a broken connection would.
        int pdfBody = text.indexOf("JVBERi0x");
        byte[] truncated = Arrays.copyOf(full, pdfBody + 103);

        ParsedMail mail = parser.parse(truncated);

        assertThat(mail.textBody()).startsWith("Добрый день!");
        MailAttachment pdf = mail.attachments().get(1);
        assertThat(pdf.fileName()).isEqualTo("Справка об обучении — 5Б класс.pdf");
        assertThat(pdf.size()).isPositive().isLessThan(EmailFixtures.pdfBytes().length);
        assertThat(EmailFixtures.pdfBytes()).startsWith(pdf.bytes());
    }

    @Test
    void mboxSeparatorLineIsTolerated() throws Exception {
        byte[] mail = EmailFixtures.load("koi8r-qp.eml");
        byte[] separator = "From ivanova@mail.example Tue Jan 13 09:15:30 2026\n".getBytes(StandardCharsets.US_ASCII);
        byte[] withSeparator = new byte[separator.length + mail.length];
        System.arraycopy(separator, 0, withSeparator, 0, separator.length);
        System.arraycopy(mail, 0, withSeparator, separator.length, mail.length);

        assertThat(parser.parse(withSeparator).subject()).isEqualTo("Не открывается дневник");
    }
}
