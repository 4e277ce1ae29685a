package ru.supportgateway.email;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AutoMailDetectorTest {

    private final MailParser parser = MailParser.withDefaults();
    private final AutoMailDetector detector = AutoMailDetector.standard(Set.of("Support@School.example"));

    // ------------------------------------------------------------ real mail (fixtures)

    @ParameterizedTest
    @CsvSource({
        "outlook-autoreply.eml, AUTO_SUBMITTED",
        "dsn-bounce.eml,        DELIVERY_STATUS_NOTIFICATION",
        "mailing-list.eml,      PRECEDENCE",
        "gateway-ack.eml,       OWN_GATEWAY_MAIL",
    })
    void recognisesAutomaticFixtures(String fixture, AutoMailReason expected) throws Exception {
        AutoMailVerdict verdict = detector.detect(parser.parse(EmailFixtures.load(fixture)));

        assertThat(verdict.automatic()).isTrue();
        assertThat(verdict.reason()).isEqualTo(expected);
        assertThat(verdict.detail()).isNotBlank();
    }

    @ParameterizedTest
    @ValueSource(strings = {"koi8r-qp.eml", "win1251-base64.eml", "mixed-alternative-attachments.eml",
        "html-only-xss.eml", "reply-threaded.eml", "no-message-id.eml"})
    void mailWrittenByPeopleIsNotAutomatic(String fixture) throws Exception {
        assertThat(detector.detect(parser.parse(EmailFixtures.load(fixture)))).isEqualTo(AutoMailVerdict.human());
    }

    @Test
    void ownAcknowledgementIsReportedAsOursNotAsGenericAutoSubmitted() throws Exception {
        ParsedMail ack = parser.parse(EmailFixtures.load("gateway-ack.eml"));
        assertThat(ack.automation().autoSubmitted()).isEqualTo(GatewayHeaders.AUTO_SUBMITTED_VALUE);

        assertThat(detector.detect(ack).detail()).isEqualTo("X-Support-Gateway: ack");
    }

    // ------------------------------------------------------------ one concern at a time

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Auto-Submitted           | auto-replied                   | AUTO_SUBMITTED",
        "Auto-Submitted           | auto-generated                 | AUTO_SUBMITTED",
        "Auto-Submitted           | auto-notified; owner-email=x@y | AUTO_SUBMITTED",
        "Precedence               | bulk                           | PRECEDENCE",
        "Precedence               | Junk                           | PRECEDENCE",
        "Precedence               | auto_reply                     | PRECEDENCE",
        "X-Auto-Response-Suppress | All                            | AUTO_RESPONSE_SUPPRESS",
        "X-Auto-Response-Suppress | DR, OOF, AutoReply             | AUTO_RESPONSE_SUPPRESS",
        "X-Auto-Response-Suppress | oof                            | AUTO_RESPONSE_SUPPRESS",
        "List-Id                  | <parents.school.example>       | MAILING_LIST",
        "List-Unsubscribe         | <mailto:u@lists.example>       | MAILING_LIST",
        "X-Autoreply              | yes                            | AUTOREPLY_HEADER",
        "X-Autorespond            | Out of office                  | AUTOREPLY_HEADER",
        "Return-Path              | < >                            | BOUNCE_ENVELOPE",
        "X-Failed-Recipients      | nobody@mail.example            | BOUNCE_ENVELOPE",
        "X-Support-Gateway        | ack                            | OWN_GATEWAY_MAIL",
    })
    void eachHeaderRuleFiresOnItsOwn(String header, String value, AutoMailReason expected) {
        ParsedMail mail = mail("parent@mail.example", Map.of(header, value), "text/plain", null);

        AutoMailVerdict verdict = detector.detect(mail);

        assertThat(verdict.reason()).isEqualTo(expected);
        assertThat(verdict.detail()).contains(header);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Auto-Submitted           | no",
        "Auto-Submitted           | No (written by a person)",
        "Precedence               | first-class",
        "X-Auto-Response-Suppress | DR, RN, NRN",
        "Return-Path              | <parent@mail.example>",
    })
    void harmlessHeaderValuesDoNotMakeMailAutomatic(String header, String value) {
        assertThat(detector.detect(mail("parent@mail.example", Map.of(header, value), "text/plain", null)).automatic())
                .isFalse();
    }

    @ParameterizedTest
    @CsvSource({
        "MAILER-DAEMON@mx.example,          SYSTEM_SENDER",
        "postmaster@school.example,         SYSTEM_SENDER",
        "noreply@gosuslugi.example,         NO_REPLY_SENDER",
        "no-reply@dnevnik.example,          NO_REPLY_SENDER",
        "No_Reply@dnevnik.example,          NO_REPLY_SENDER",
        "do-not-reply@bank.example,         NO_REPLY_SENDER",
        "notifications-noreply@x.example,   NO_REPLY_SENDER",
        "SUPPORT@school.example,            OWN_ADDRESS",
    })
    void senderRulesFire(String from, AutoMailReason expected) {
        assertThat(detector.detect(mail(from, Map.of(), "text/plain", null)).reason()).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"nora.reply@mail.example", "postmaster.ivanov@mail.example", "daemon@mail.example",
        "replyto@mail.example"})
    void ordinarySendersWithSimilarNamesAreHuman(String from) {
        assertThat(detector.detect(mail(from, Map.of(), "text/plain", null)).automatic()).isFalse();
    }

    @Test
    void deliveryReportsAreRecognisedByStructure() {
        assertThat(detector.detect(mail("someone@mx.example", Map.of(), "multipart/report", "delivery-status")).reason())
                .isEqualTo(AutoMailReason.DELIVERY_STATUS_NOTIFICATION);
        assertThat(detector.detect(mail("someone@mx.example", Map.of(), "message/delivery-status", null)).reason())
                .isEqualTo(AutoMailReason.DELIVERY_STATUS_NOTIFICATION);
        // A read receipt (disposition-notification) is a report too, but not a delivery status one.
        assertThat(detector.detect(mail("someone@mx.example", Map.of(), "multipart/report",
                "disposition-notification")).automatic()).isFalse();
    }

    @Test
    void mailWithoutFromIsJudgedByHeadersOnly() {
        assertThat(detector.detect(mail(null, Map.of(), "text/plain", null)).automatic()).isFalse();
        assertThat(detector.detect(mail(null, Map.of("Precedence", "bulk"), "text/plain", null)).reason())
                .isEqualTo(AutoMailReason.PRECEDENCE);
    }

    @Test
    void filtersRunInTheGivenOrderAndFirstMatchWins() {
        AutoMailDetector listFirst = new AutoMailDetector(List.of(AutoMailFilters.mailingList(),
                AutoMailFilters.precedence()));
        ParsedMail mail = mail("news@lists.example", Map.of("Precedence", "list", "List-Id", "<news>"),
                "text/plain", null);

        assertThat(listFirst.detect(mail).reason()).isEqualTo(AutoMailReason.MAILING_LIST);
        assertThat(detector.detect(mail).reason()).isEqualTo(AutoMailReason.PRECEDENCE);
    }

    /** A parsed mail with just the given sender, headers and top-level type. */
    private static ParsedMail mail(String from, Map<String, String> headers, String mimeType, String reportType) {
        Map<String, String> h = new HashMap<>();
        headers.forEach((k, v) -> h.put(k.toLowerCase(), v));
        AutomationHeaders automation = new AutomationHeaders(
                h.get("auto-submitted"), h.get("precedence"), h.get("x-auto-response-suppress"), h.get("list-id"),
                h.get("list-unsubscribe"), h.get("x-autoreply"), h.get("x-autorespond"), h.get("x-support-gateway"),
                h.get("return-path"), h.get("x-failed-recipients"), mimeType, reportType, false);
        return new ParsedMail("id@test", null, List.of(), from == null ? null : new MailAddress(from, null),
                List.of(), List.of(), List.of(), "subject", null, "body", null, List.of(), automation,
                "0".repeat(64), 100);
    }
}
