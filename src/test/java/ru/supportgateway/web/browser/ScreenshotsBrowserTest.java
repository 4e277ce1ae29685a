package ru.supportgateway.web.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.password.PasswordEncoder;

import ru.supportgateway.desk.Desks;
import ru.supportgateway.email.Replies;
import ru.supportgateway.journal.Channel;
import ru.supportgateway.journal.Correspondence;
import ru.supportgateway.journal.Journal;
import ru.supportgateway.journal.NewRequest;
import ru.supportgateway.journal.RegisteredRequest;
import ru.supportgateway.journal.RequestChanges;
import ru.supportgateway.journal.RequestStatus;
import ru.supportgateway.journal.RequestType;
import ru.supportgateway.operator.Operator;
import ru.supportgateway.operator.OperatorRepository;
import ru.supportgateway.operator.Role;
import ru.supportgateway.telephony.call.CallOutcome;
import ru.supportgateway.telephony.callback.CallbackOffer;
import ru.supportgateway.telephony.callback.CallbackQueue;
import ru.supportgateway.testsupport.Browser;
import ru.supportgateway.testsupport.GatewayTest;
import ru.supportgateway.testsupport.TestClock;

/**
 * Makes the screenshots in {@code docs/screenshots/} from a small made-up journal. Not part of the
 * normal build (the PNGs would change on every run):
 * {@code ./mvnw -B test -Dtest=ScreenshotsBrowserTest -Dscreenshots=true}.
 */
@GatewayTest
@EnabledIfSystemProperty(named = "screenshots", matches = "true")
class ScreenshotsBrowserTest {

    static final ZoneId TYUMEN = ZoneId.of("Asia/Yekaterinburg");

    @LocalServerPort int port;
    @Autowired Journal journal;
    @Autowired Correspondence correspondence;
    @Autowired Replies replies;
    @Autowired OperatorRepository operators;
    @Autowired PasswordEncoder encoder;
    @Autowired TestClock clock;
    @Autowired CallbackQueue queue;
    @Autowired Desks desks;

    @Test
    void journalAndRequest() {
        operators.createIfAbsent(new Operator("ivanova", "Иванова Ольга", Role.OPERATOR, true, Set.of("sc")),
                encoder.encode("screenshots-1"));
        Instant start = Instant.parse("2026-03-02T04:00:00Z");
        String[][] data = {
                {"Не открывается электронный дневник", "После обновления браузера пишет «ошибка входа».", "МАОУ СОШ № 5 г. Тюмени", "Смирнова Елена", "родитель, 7А"},
                {"Не выставляются оценки за четверть", "Кнопка «Сохранить» не работает в журнале 8Б.", "МАОУ Гимназия № 21", "Кузнецов Андрей Петрович", "учитель"},
                {"Сброс пароля", "Прошу сбросить пароль к учётной записи ребёнка.", "МАОУ СОШ № 40", "Попова Наталья", ""},
                {"Расписание не совпадает", "В электронном дневнике не то расписание на пятницу.", "МАОУ СОШ № 70", "Васильев Игорь", "родитель, 5В"},
                {"Добавить выгрузку в XLSX", "Нужна выгрузка итоговых оценок в XLSX для отчёта.", "МАОУ Лицей № 81", "Соколова Мария Ивановна", "завуч"},
                {"Не приходят уведомления", "Перестали приходить уведомления о домашних заданиях.", "МАОУ СОШ № 16", "Морозов Денис", "родитель, 3А"},
        };
        String shown = null;
        String last = null;
        for (int i = 0; i < data.length; i++) {
            clock.set(start.plus(Duration.ofMinutes(37L * i)));
            String parent = "parent" + i + "@mail.example";
            RegisteredRequest r = journal.register(NewRequest.builder("sc", TYUMEN, Channel.EMAIL)
                    .subject(data[i][0]).description(data[i][1]).organisation(data[i][2]).person(data[i][3])
                    .additionalInfo(data[i][4]).contactEmail(parent).dueAt(clock.instant().plus(Duration.ofDays(3))).build());
            correspondence.add(new Correspondence.NewMessage(r.id(), Correspondence.Direction.IN, Correspondence.Kind.EMAIL,
                    clock.instant(), parent, parent, "sc-support@example.org", data[i][0], "s" + i + "@mail.example",
                    data[i][1], i == 0 ? "<p>Здравствуйте!</p><p>После обновления браузера пишет <b>«ошибка входа»</b>.</p>"
                    + "<p>С уважением,<br>Смирнова Елена</p>" : null, List.of()));
            if (i == 0) {
                shown = r.number();
            }
            last = r.number();
            if (i == 1) {
                journal.updateFields(r.number(), RequestChanges.none().withType(RequestType.ERROR), "ivanova");
            }
            if (i == 2) {
                replies.send(r.number(), "ivanova", "Пароль сброшен, новый отправлен на почту.", RequestStatus.RESOLVED);
            }
            if (i == 3) {
                replies.askForInformation(r.number(), "ivanova", "Укажите, пожалуйста, класс и дату.");
            }
            if (i == 4) {
                journal.updateFields(r.number(), RequestChanges.none().withType(RequestType.IMPROVEMENT), "ivanova");
            }
        }
        clock.set(start.plus(Duration.ofHours(5)));
        replies.send(shown, "ivanova", "Очистите кэш браузера и войдите заново; если не поможет — ответьте на это письмо.", null);

        // Two missed calls: one from a parent who wrote before (her phone is on request 6), one new number.
        journal.updateFields(last, RequestChanges.none().withContactPhone("+79123456789"), "ivanova");
        queue.offer(new CallbackOffer(desks.get("sc"), CallOutcome.ABANDONED, true, "+79123456789", null,
                clock.instant(), null, null, 95L, null));
        queue.offer(new CallbackOffer(desks.get("sc"), CallOutcome.ABANDONED, true, "+73452390001", "Школа 12",
                clock.instant().plus(Duration.ofMinutes(4)), null, null, 60L, null));

        try (Browser browser = new Browser("http://localhost:" + port)) {
            browser.login("ivanova", "screenshots-1");
            browser.open("/journal?desk=sc");
            assertThat(browser.all("#rows tr[data-number]")).hasSize(data.length);
            browser.screenshot("journal");
            browser.open("/requests/" + shown);
            browser.screenshot("request");
            browser.open("/callbacks");
            assertThat(browser.all("article.callback")).hasSize(2);
            browser.screenshot("callbacks");
        }
    }
}
