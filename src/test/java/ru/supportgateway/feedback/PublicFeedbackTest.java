package ru.supportgateway.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static ru.supportgateway.feedback.FeedbackFixture.awaitInbox;
import static ru.supportgateway.feedback.FeedbackFixture.body;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.fasterxml.jackson.databind.JsonNode;

import ru.supportgateway.testsupport.GatewayTest;
import ru.supportgateway.testsupport.TestClock;

/**
 * The public API and form: the 500-character limit, the attachment limits, the rate limit and the
 * form's robot checks, each refusing with a clear Russian message. Every test stands in an hour of its
 * own (TestClock), since all requests come from 127.0.0.1 and the rate limit counts per address per hour.
 */
@GatewayTest
class PublicFeedbackTest {

    static final byte[] PDF_HEADER = "%PDF-1.7\n".getBytes();

    @Autowired TestRestTemplate rest;
    @Autowired Directory directory;
    @Autowired FeedbackService feedback;
    @Autowired JdbcClient jdbc;
    @Autowired TestClock clock;
    @LocalServerPort int port;

    FeedbackFixture f;

    @BeforeEach
    void region() {
        f = new FeedbackFixture(directory);
    }

    @AfterEach
    void sendWhatIsDue() {
        FeedbackFixture.drainOutbox(jdbc, clock);
    }

    private Map<String, Object> question(String email, String text) {
        Map<String, Object> q = new LinkedHashMap<>();
        q.put("name", "Сидорова Анна");
        q.put("email", email);
        q.put("schoolId", f.school.id());
        q.put("rubric", "SCHOOL");
        q.put("text", text);
        return q;
    }

    private ResponseEntity<JsonNode> post(Map<String, Object> body) {
        return rest.postForEntity("/api/public/feedback", body, JsonNode.class);
    }

    private static Map<String, Object> file(String name, byte[] content) {
        return Map.of("fileName", name, "contentBase64", Base64.getEncoder().encodeToString(content));
    }

    private static byte[] pdf(int size) {
        byte[] b = new byte[size];
        System.arraycopy(PDF_HEADER, 0, b, 0, PDF_HEADER.length);
        return b;
    }

    @Test
    void theApiRefusesMoreThan500CharactersAndAcceptsExactly500() {
        clock.set("2031-01-01T05:00:00Z");
        ResponseEntity<JsonNode> tooLong = post(question(f.applicant(), "а".repeat(501)));
        assertThat(tooLong.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(tooLong.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(tooLong.getBody().at("/errors/text").asText())
                .isEqualTo("Текст вопроса не должен превышать 500 символов (сейчас 501). Сократите его, пожалуйста.");
        assertThat(jdbc.sql("SELECT count(*) FROM feedback_question WHERE applicant_email = ?").param(f.applicant())
                .query(Integer.class).single()).isZero();

        // 498 letters and a line break sent as CRLF: 500 as the page counts them.
        ResponseEntity<JsonNode> ok = post(question(f.applicant(), "б".repeat(249) + "\r\n" + "в".repeat(250)));
        assertThat(ok.getStatusCode()).as("%s", ok.getBody()).isEqualTo(HttpStatus.CREATED);
        String number = ok.getBody().get("number").asText();
        assertThat(number).startsWith("FEEDBACK-2031-");
        String statusUrl = ok.getBody().get("statusUrl").asText();
        String token = statusUrl.substring(statusUrl.lastIndexOf('/') + 1);
        JsonNode status = rest.getForObject("/api/public/feedback/" + token, JsonNode.class);
        assertThat(status.get("holderLabel").asText()).isEqualTo("заместитель директора");
        assertThat(status.get("text").asText()).hasSize(500);

        String receipt = body(awaitInbox(f.applicant(), 1).get(0));
        assertThat(receipt).contains(number).contains("/feedback/status/" + token);
        assertThat(rest.getForEntity("/api/public/feedback/" + "x".repeat(43), JsonNode.class).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void theApiRefusesAttachmentsTooLargeOrOfTheWrongKind() {
        clock.set("2031-01-02T05:00:00Z");
        Map<String, Object> big = question(f.applicant(), "Справка во вложении");
        big.put("attachment", file("справка.pdf", pdf(5 * 1024 * 1024 + 1)));
        assertThat(post(big).getBody().at("/errors/attachment").asText())
                .isEqualTo("Файл «справка.pdf» слишком большой (5,0 МБ); можно не больше 5 МБ.");

        Map<String, Object> exe = question(f.applicant(), "Программа");
        exe.put("attachment", file("setup.exe", new byte[] {'M', 'Z', 0, 0}));
        ResponseEntity<JsonNode> r = post(exe);
        assertThat(r.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(r.getBody().at("/errors/attachment").asText())
                .isEqualTo("Файл «setup.exe» не принят: можно приложить только файл PDF, JPG, JPEG, PNG, DOCX.");

        Map<String, Object> renamed = question(f.applicant(), "Переименованный файл");
        renamed.put("attachment", file("справка.pdf", new byte[] {'M', 'Z', 0, 0, 0, 0}));
        assertThat(post(renamed).getBody().at("/errors/attachment").asText()).contains("не похож на PDF");

        Map<String, Object> ok = question(f.applicant(), "Справка во вложении");
        ok.put("attachment", file("справка.pdf", pdf(5 * 1024 * 1024)));
        assertThat(post(ok).getStatusCode()).isEqualTo(HttpStatus.CREATED);
    }

    @Test
    void theApiRefusesTheEleventhQuestionFromOneAddressWithinAnHour() {
        clock.set("2031-01-03T05:00:00Z");
        for (int i = 1; i <= 10; i++) {
            assertThat(post(question(i + "-" + f.applicant(), "Вопрос " + i)).getStatusCode()).as("question %d", i)
                    .isEqualTo(HttpStatus.CREATED);
        }
        ResponseEntity<JsonNode> refused = post(question("11-" + f.applicant(), "Вопрос 11"));
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        assertThat(refused.getHeaders().getFirst("Retry-After")).isEqualTo("3600");
        assertThat(refused.getBody().get("detail").asText()).startsWith("Слишком много вопросов за короткое время");

        clock.set(Instant.parse("2031-01-03T06:00:01Z"));
        assertThat(post(question("12-" + f.applicant(), "Вопрос 12")).getStatusCode()).isEqualTo(HttpStatus.CREATED);
    }

    @Test
    void oneApplicantMayAskFiveTimesAnHourFromAnyAddress() {
        clock.set("2031-01-04T05:00:00Z");
        for (int i = 1; i <= 5; i++) {
            feedback.ask(f.question(Rubric.SCHOOL, "Вопрос " + i, "192.0.2." + i));
        }
        assertThatThrownBy(() -> feedback.ask(f.question(Rubric.SCHOOL, "Вопрос 6", "192.0.2.6")))
                .isInstanceOf(TooManyQuestionsException.class);
    }

    @Test
    void theFormRefusesMoreThan500CharactersAndBadFilesWithAClearMessage() throws Exception {
        clock.set("2031-01-05T05:00:00Z");
        FormClient form = new FormClient(port);
        HttpResponse<String> page = form.open();
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("maxlength=\"500\"").contains("Символов: 0 из 500").contains(f.school.name());

        clock.set("2031-01-05T05:00:10Z");
        HttpResponse<String> tooLong = form.submit(fields("а".repeat(501), ""), null, null, true);
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(tooLong.body()).contains("Текст вопроса не должен превышать 500 символов (сейчас 501)")
                .contains("Символов: 501 из 500");

        clock.set("2031-01-05T05:00:20Z");
        HttpResponse<String> big = form.submit(fields("Справка", ""), "справка.pdf", pdf(6 * 1024 * 1024), true);
        assertThat(big.statusCode()).isEqualTo(400);
        assertThat(big.body()).contains("Файл «справка.pdf» слишком большой (6 МБ); можно не больше 5 МБ.");

        clock.set("2031-01-05T05:00:30Z");
        HttpResponse<String> ok = form.submit(fields("Когда каникулы?", ""), "фото.png", TechnicalDeskTestData.PNG, true);
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(302);
        assertThat(ok.headers().firstValue("Location").orElseThrow()).endsWith("/feedback/sent");
        assertThat(count(f.applicant())).isEqualTo(1);
    }

    @Test
    void theFormRefusesRobots() throws Exception {
        clock.set("2031-01-06T05:00:00Z");
        FormClient form = new FormClient(port);
        form.open();
        HttpResponse<String> tooFast = form.submit(fields("Быстрый вопрос", ""), null, null, true);
        assertThat(tooFast.statusCode()).isEqualTo(400);
        assertThat(tooFast.body()).contains("Форма отправлена слишком быстро");

        clock.set("2031-01-06T05:00:10Z");
        HttpResponse<String> honeypot = form.submit(fields("Купите слона", "http://spam.example"), null, null, true);
        assertThat(honeypot.statusCode()).isEqualTo(400);
        assertThat(honeypot.body()).contains("Не удалось отправить вопрос");

        clock.set("2031-01-06T05:00:20Z");
        assertThat(form.submit(fields("Без токена", ""), null, null, false).statusCode()).as("no CSRF token").isEqualTo(403);
        assertThat(count(f.applicant())).isZero();
    }

    @Test
    void theAppsGetTheSchoolList() {
        JsonNode schools = rest.getForObject("/api/public/schools", JsonNode.class);
        assertThat(schools.findValuesAsText("name")).contains(f.school.name());
        assertThat(schools.findValuesAsText("municipality")).contains(f.municipality.name());
    }

    private Map<String, String> fields(String text, String honeypot) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("name", "Сидорова Анна");
        m.put("email", f.applicant());
        m.put("schoolId", String.valueOf(f.school.id()));
        m.put("rubric", "SCHOOL");
        m.put("text", text);
        m.put("website", honeypot);
        return m;
    }

    private int count(String email) {
        return jdbc.sql("SELECT count(*) FROM feedback_question WHERE applicant_email = ?").param(email)
                .query(Integer.class).single();
    }

    /** Bytes of a PNG signature (enough for the type check). */
    static final class TechnicalDeskTestData {
        static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D};
    }

}
