package ru.supportgateway.web.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.crypto.password.PasswordEncoder;

import ru.supportgateway.email.Replies;
import ru.supportgateway.journal.Channel;
import ru.supportgateway.journal.Correspondence;
import ru.supportgateway.journal.Journal;
import ru.supportgateway.journal.JournalQueries;
import ru.supportgateway.journal.NewRequest;
import ru.supportgateway.journal.RegisteredRequest;
import ru.supportgateway.journal.RequestChanges;
import ru.supportgateway.journal.RequestType;
import ru.supportgateway.journal.StatusLinks;
import ru.supportgateway.operator.Operator;
import ru.supportgateway.operator.OperatorRepository;
import ru.supportgateway.operator.Role;
import ru.supportgateway.testsupport.Browser;
import ru.supportgateway.testsupport.GatewayTest;
import ru.supportgateway.testsupport.TestClock;
import ru.supportgateway.testsupport.TestMailServer;

/**
 * The operators' pages in a real headless Chromium: what an operator, a supervisor, an operator of another
 * desk and an applicant see and do. Requests are made as the email intake makes them: registered in the
 * journal with the parent's letter in the correspondence.
 */
@GatewayTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OperatorPagesBrowserTest {

    static final ZoneId TYUMEN = ZoneId.of("Asia/Yekaterinburg");
    static final String PASSWORD = "browser-secret-1";

    @LocalServerPort int port;
    @Autowired TestRestTemplate rest;
    @Autowired Journal journal;
    @Autowired JournalQueries queries;
    @Autowired Correspondence correspondence;
    @Autowired Replies replies;
    @Autowired StatusLinks statusLinks;
    @Autowired OperatorRepository operators;
    @Autowired PasswordEncoder encoder;
    @Autowired TestClock clock;

    final String suffix = UUID.randomUUID().toString().substring(0, 8);
    final String operator = "op-" + suffix;
    final String supervisor = "sup-" + suffix;
    final String otherDeskOperator = "portal-" + suffix;
    Browser browser;

    @BeforeAll
    void operatorsAndABrowser() {
        clock.set(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        operators.createIfAbsent(new Operator(operator, "Иванова Ольга", Role.OPERATOR, true, Set.of("sc")),
                encoder.encode(PASSWORD));
        operators.createIfAbsent(new Operator(supervisor, "Сидорова Анна", Role.SUPERVISOR, true, Set.of("sc")),
                encoder.encode(PASSWORD));
        operators.createIfAbsent(new Operator(otherDeskOperator, "Петров Пётр", Role.OPERATOR, true, Set.of("portal")),
                encoder.encode(PASSWORD));
        browser = new Browser("http://localhost:" + port);
    }

    @AfterAll
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    // --- the flows ------------------------------------------------------------------------------------

    @Test
    void anOperatorFindsAnEmailRequestInTheJournalAndOpensIt() {
        String word = "Пароль" + suffix.substring(0, 4);
        Made r = emailRequest("Не приходит " + word, "Здравствуйте! Не приходит письмо для сброса пароля, логин ivanov5.",
                null);
        browser.login(operator, PASSWORD);
        browser.open("/journal?q=" + word);

        assertThat(browser.all("table.journal thead th")).extracting(WebElement::getText).containsExactly(
                "Дата", "№", "Тип запроса", "Описание запроса", "Наименование ОО", "ФИО", "Дополнительная информация",
                "Статус решения", "Дата решения", "Примечание");
        List<WebElement> rows = browser.all("#rows tr[data-number]");
        assertThat(rows).extracting(e -> e.getAttribute("data-number")).containsExactly(r.number);
        assertThat(rows.get(0).getText()).contains("Поддержка", "В работе", "МАОУ СОШ № 7", "Иванова Мария");

        browser.submit(browser.find("#rows a"));
        assertThat(browser.text("#number")).isEqualTo(r.number);
        assertThat(browser.text("#status")).isEqualTo("В работе");
        assertThat(browser.text("#correspondence")).contains("Письмо от заявителя", r.parent,
                "Не приходит письмо для сброса пароля, логин ivanov5.");
    }

    @Test
    void theAdministratorGivesAnOperatorAPhoneExtensionAndDisablesThem() {
        String admin = "badm-" + suffix;
        String agent = "agent-" + suffix;
        String extension = String.valueOf(100_000 + Math.floorMod(suffix.hashCode(), 900_000));
        operators.createIfAbsent(new Operator(admin, "Админ", Role.ADMIN, true, Set.of()), encoder.encode(PASSWORD));
        operators.createIfAbsent(new Operator(agent, "Котова Анна", Role.OPERATOR, true, Set.of("sc")), encoder.encode(PASSWORD));
        browser.login(admin, PASSWORD);
        browser.open("/admin/operators");
        browser.submit(browser.find("#op-" + agent + " a"));

        browser.find("#edit-form input[name=extension]").sendKeys(extension);
        browser.submit(browser.find("#edit-form button"));
        assertThat(browser.text(".flash.ok")).isEqualTo("Изменения пользователя " + agent + " сохранены.");
        assertThat(browser.find("#edit-form input[name=extension]").getAttribute("value")).isEqualTo(extension);

        browser.submit(browser.find("#enabled-form button"));
        assertThat(browser.text("#state")).isEqualTo("отключён");
        browser.open("/admin/operators");
        assertThat(browser.text("#op-" + agent)).contains(extension, "нет");

        // on their own page the administrator's «Отключить» is greyed out
        browser.open("/admin/operators/" + admin);
        assertThat(browser.find("#enabled-form button").isEnabled()).isFalse();
    }

    @Test
    void anAnswerReachesTheParentsInboxAndResolvesTheRequest() throws Exception {
        Made r = emailRequest("Не видно оценок", "Ребёнок не видит оценки за четверть.", null);
        browser.login(operator, PASSWORD);
        browser.open("/requests/" + r.number);
        browser.find("#reply-form textarea[name=text]").sendKeys("Оценки за четверть появятся после 30 октября.");
        assertThat(new Select(browser.find("#reply-form select[name=status]")).getFirstSelectedOption().getText())
                .isEqualTo("Решен");
        browser.submit(browser.find("#reply-form button"));

        assertThat(browser.text(".flash.ok")).isEqualTo("Ответ отправлен заявителю");
        assertThat(browser.text("#status")).isEqualTo("Решен");
        assertThat(browser.text("#correspondence")).contains("Письмо заявителю", "Оценки за четверть появятся после 30 октября.");
        MimeMessage mail = theOnlyMailTo(r.parent);
        assertThat(mail.getSubject()).isEqualTo("Re: [" + r.number + "] Не видно оценок");
        assertThat((String) mail.getContent()).contains("Оценки за четверть появятся после 30 октября.");
    }

    @Test
    void askingForInformationPausesTheRequestAndMailsTheQuestion() throws Exception {
        Made r = emailRequest("Ошибка в расписании", "В расписании не тот урок.", null);
        browser.login(operator, PASSWORD);
        browser.open("/requests/" + r.number);
        browser.find("#info-form textarea").sendKeys("Укажите, пожалуйста, класс и дату урока.");
        browser.submit(browser.find("#info-form button"));

        assertThat(browser.text("#status")).isEqualTo("Обратная связь");
        assertThat(browser.text("#due")).contains("приостановлен с");
        MimeMessage mail = theOnlyMailTo(r.parent);
        assertThat(mail.getSubject()).isEqualTo("Re: [" + r.number + "] Нужна дополнительная информация: Ошибка в расписании");
        assertThat((String) mail.getContent()).contains("Укажите, пожалуйста, класс и дату урока.")
                .contains("срок рассмотрения обращения приостановлен")
                .contains("http://localhost:8080/status/" + statusLinks.tokenFor(r.number));
    }

    @Test
    void rejectingWithAReasonClosesTheRequestNotesTheReasonAndMailsIt() throws Exception {
        Made r = emailRequest("Всё плохо", "Ничего не работает!!!", null);
        browser.login(operator, PASSWORD);
        browser.open("/requests/" + r.number);
        browser.find("#reject-form input[value=INCORRECT_OR_UNCONSTRUCTIVE]").click();
        browser.submit(browser.find("#reject-form button"));

        assertThat(browser.text("#status")).isEqualTo("Закрыт");
        assertThat(browser.find("#fields-form textarea[name=note]").getAttribute("value"))
                .isEqualTo("Отклонено: вопрос поставлен некорректно / обсуждение неконструктивно");
        assertThat(browser.all("#reject-form")).isEmpty();
        MimeMessage mail = theOnlyMailTo(r.parent);
        assertThat(mail.getSubject()).isEqualTo("Re: [" + r.number + "] Обращение отклонено: Всё плохо");
        assertThat((String) mail.getContent()).contains("вопрос поставлен некорректно или обсуждение вопроса проводится");
    }

    @Test
    void anErrorGoesToTheDeveloperOnlyAfterASupervisorApproved() {
        Made r = emailRequest("Не сохраняются оценки", "При сохранении оценки ошибка 500.", null);
        journal.updateFields(r.number, RequestChanges.none().withType(RequestType.ERROR), operator);

        browser.login(operator, PASSWORD);
        browser.open("/requests/" + r.number);
        WebElement toDeveloper = browser.find("button[data-status=PASSED_TO_DEVELOPER]");
        assertThat(toDeveloper.isEnabled()).isFalse();
        assertThat(browser.text(".moves")).contains("Нужно согласование руководителя");
        assertThat(browser.text("#approval")).isEqualTo("не согласовано");
        assertThat(browser.all("#approve-form")).as("an operator cannot approve").isEmpty();

        browser.login(supervisor, PASSWORD);
        browser.open("/requests/" + r.number);
        browser.submit(browser.find("#approve-form button"));
        assertThat(browser.text(".flash.ok")).startsWith("Согласовано");
        assertThat(browser.text("#approval")).startsWith("согласовано: " + supervisor);

        browser.login(operator, PASSWORD);
        browser.open("/requests/" + r.number);
        assertThat(browser.all("#reject-form")).as("approved: no longer rejectable").isEmpty();
        browser.submit(browser.find("button[data-status=PASSED_TO_DEVELOPER]"));
        assertThat(browser.text("#status")).isEqualTo("Передано разработчику");
    }

    @Test
    void anOperatorOfAnotherDeskCannotOpenTheRequest() {
        Made r = emailRequest("Чужое обращение", "Персональные данные ребёнка", null);
        browser.login(otherDeskOperator, PASSWORD);
        browser.open("/requests/" + r.number);
        assertThat(browser.text("h1")).isEqualTo("Нет доступа");
        assertThat(browser.driver.getPageSource()).doesNotContain("Персональные данные ребёнка", r.parent);
        browser.open("/journal?q=" + r.number);
        assertThat(browser.all("#rows tr[data-number]")).isEmpty();

        ResponseEntity<String> page = rest.withBasicAuth(otherDeskOperator, PASSWORD)
                .getForEntity("/requests/" + r.number, String.class);
        assertThat(page.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    }

    @Test
    void aScriptInAMailRunsNothingInThePage() {
        // Stored as if the intake's sanitiser had missed it: the sandbox and the CSP must hold on their own.
        String evil = "<p>Посмотрите вложение</p><script>parent.document.title='pwned';top.pwned=1;</script>"
                + "<img src=x onerror=\"top.pwned=2;parent.document.title='pwned'\">";
        Made r = emailRequest("Скрипт в письме", "Посмотрите вложение <script>top.pwned=3</script>", evil);
        browser.login(operator, PASSWORD);
        browser.open("/requests/" + r.number);

        assertThat(browser.find("iframe.mail-html").getAttribute("sandbox")).isEmpty();
        browser.driver.switchTo().frame(browser.find("iframe.mail-html"));
        assertThat(browser.text("body")).contains("Посмотрите вложение");
        browser.driver.switchTo().defaultContent();
        assertThat(browser.driver.getTitle()).isEqualTo(r.number + " — Support Gateway");
        assertThat(browser.script("return typeof window.pwned")).isEqualTo("undefined");

        ResponseEntity<String> page = rest.withBasicAuth(operator, PASSWORD).getForEntity("/requests/" + r.number, String.class);
        assertThat(page.getHeaders().getFirst("Content-Security-Policy"))
                .contains("script-src 'self'", "object-src 'none'", "frame-ancestors 'none'")
                .doesNotContain("unsafe-inline", "unsafe-eval");
        assertThat(page.getBody()).doesNotContain("<script>top.pwned").contains("&lt;script&gt;top.pwned=3");
    }

    @Test
    void theStatusPageShowsNumberStatusAndAnswersOnly() {
        Made r = emailRequest("Не открывается дневник", "Мой сын Петя Смирнов, 5Б, не может войти.", null);
        replies.send(r.number, operator, "Пароль сброшен, войдите заново.", null);
        String token = statusLinks.tokenFor(r.number);

        browser.driver.manage().deleteAllCookies();
        browser.open("/status/" + token);
        assertThat(browser.text("#number")).isEqualTo(r.number);
        assertThat(browser.text("#status")).isEqualTo("В работе");
        assertThat(browser.text("#answers")).contains("Пароль сброшен, войдите заново.");
        String page = browser.driver.getPageSource();
        assertThat(page).doesNotContain(r.parent, "Петя Смирнов", "Иванова Мария", "МАОУ СОШ № 7", operator, "Иванова Ольга");

        browser.open("/status/" + token.substring(0, 42) + (token.endsWith("A") ? "B" : "A"));
        assertThat(browser.text("h1")).isEqualTo("Страница не найдена");
        assertThat(rest.getForEntity("/status/" + "x".repeat(43), String.class).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(rest.getForEntity("/status/" + token, String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void aNewRequestAppearsInAnOpenJournalWithoutReload() {
        browser.login(operator, PASSWORD);
        browser.open("/journal?desk=sc");
        browser.script("window.sameDocument = true");
        Made r = emailRequest("Новое обращение " + suffix, "Пришло, пока журнал открыт", null);

        browser.waitFor(d -> !d.findElements(By.cssSelector("#rows tr[data-number='" + r.number + "']")).isEmpty());
        assertThat(browser.script("return window.sameDocument")).as("no reload").isEqualTo(true);
        assertThat(browser.find("#rows tr").getAttribute("data-number")).isEqualTo(r.number);
    }

    // --- helpers --------------------------------------------------------------------------------------

    record Made(String number, long id, String parent) {
    }

    /** A parent's letter registered as the email intake does it. */
    Made emailRequest(String subject, String text, String html) {
        String parent = "parent-" + UUID.randomUUID().toString().substring(0, 8) + "@mail.example";
        RegisteredRequest reg = journal.register(NewRequest.builder("sc", TYUMEN, Channel.EMAIL)
                .subject(subject).description(text).contactEmail(parent).organisation("МАОУ СОШ № 7")
                .person("Иванова Мария").dueAt(clock.instant().plus(Duration.ofDays(3))).build());
        correspondence.add(new Correspondence.NewMessage(reg.id(), Correspondence.Direction.IN, Correspondence.Kind.EMAIL,
                clock.instant(), parent, parent, "sc-support@example.org", subject, "in-" + UUID.randomUUID() + "@mail.example",
                text, html, List.of()));
        return new Made(reg.number(), reg.id(), parent);
    }

    static MimeMessage theOnlyMailTo(String address) {
        await().atMost(Duration.ofSeconds(10)).until(() -> inbox(address).length == 1);
        return inbox(address)[0];
    }

    static MimeMessage[] inbox(String address) {
        return Arrays.stream(TestMailServer.greenMail().getReceivedMessages()).filter(m -> {
            try {
                return m.getAllRecipients()[0].toString().equals(address);
            } catch (Exception e) {
                return false;
            }
        }).toArray(MimeMessage[]::new);
    }
}
