package ru.supportgateway.telephony.it;

import static org.assertj.core.api.Assertions.assertThat;
import static ru.supportgateway.telephony.Eventually.await;

import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.boot.test.web.server.LocalServerPort;

import ru.supportgateway.operator.AdminBootstrap;
import ru.supportgateway.telephony.fake.AmiCapture;
import ru.supportgateway.testsupport.Browser;
import ru.supportgateway.testsupport.GatewayTest;

/**
 * A call-back worked in a real headless Chromium, in the AMI integration context (the fake Asterisk
 * replaying the captures): the voicemail left after hours (03) waits on «Обратные звонки», its recording
 * plays, «Позвонить» rings the operator's extension and the parent (05a), and «Дозвонились» registers the
 * request, whose page plays the same voicemail.
 * <p>
 * An {@code IT} like the other AMI tests, run with them ({@code -Dtest='*IT'}), not by {@code verify}: the
 * AMI context is a whole gateway whose email intake polls the shared test mail server, so kept alive in the
 * same JVM as the email intake tests it takes their letters.
 */
@AmiGatewayTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CallbackBrowserIT extends TelephonyItSupport {

    static final String OPERATOR = "vika";
    static final String EXTENSION = "251"; // 201, 202 and 301 are the other AMI tests' operators

    @LocalServerPort
    int port;
    Browser browser;

    @BeforeAll
    void aBrowser() {
        browser = new Browser("http://localhost:" + port);
    }

    @AfterAll
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @BeforeEach
    void anOperatorWithoutAnExtension() {
        operator(OPERATOR, null, "sc");
    }

    @Test
    void aVoicemailIsCalledBackAndRegisteredAsARequestInTheBrowser_03_05a() {
        clock.set("2026-11-22T07:54:00Z"); // Sunday: the desk is closed, the parent leaves a voicemail
        long call = awaitCall(FakeAsterisk.replayAsNewCall("03-after-hours-voicemail", Map.of()) + "1795334112.18");
        await("call-back", () -> count("SELECT count(*) FROM callback WHERE call_id = ?", call) == 1);
        long id = jdbc.sql("SELECT id FROM callback WHERE call_id = ?").param(call).query(Long.class).single();
        clock.set("2026-11-23T05:00:00Z"); // Monday, 10:00 in Tyumen

        // the queue shows it, with the recording to listen to
        browser.login(OPERATOR, PASSWORD);
        browser.open("/callbacks");
        String card = "#cb-" + id;
        assertThat(browser.text(card)).contains("Голосовое сообщение").contains("Раньше с этого номера не обращались.");
        assertThat(browser.find(card + " audio").getAttribute("src")).endsWith("/api/callbacks/" + id + "/recording");
        assertThat(fetch(card + " audio")).isEqualTo("200 audio/wav");

        // no extension yet: «Позвонить» says why it cannot ring
        browser.submit(browser.find(card + " form[action$='/dial'] button"));
        assertThat(browser.text(".flash.error")).contains("внутренний номер");
        assertThat(count("SELECT count(*) FROM callback_attempt WHERE callback_id = ?", id)).isZero();

        // the administrator gives the operator an extension on the users page
        browser.login(AdminBootstrap.ADMIN, GatewayTest.ADMIN_PASSWORD);
        browser.open("/admin/operators/" + OPERATOR);
        WebElement extension = browser.find("#edit-form input[name=extension]");
        extension.clear();
        extension.sendKeys(EXTENSION);
        browser.submit(browser.find("#edit-form button"));
        assertThat(browser.find("#edit-form input[name=extension]").getAttribute("value")).isEqualTo(EXTENSION);

        // «Позвонить»: Asterisk rings the extension, then the parent, and both answer (05a)
        fake().armOriginate(AmiCapture.load("05a-callback-success"));
        browser.login(OPERATOR, PASSWORD);
        browser.open("/callbacks");
        browser.submit(browser.find(card + " form[action$='/dial'] button"));
        assertThat(browser.text(".flash.ok")).startsWith("Звоним");
        assertThat(browser.text(card)).contains("звонит " + OPERATOR);
        await("05a reported", () -> count("SELECT count(*) FROM callback_attempt WHERE callback_id = ?"
                + " AND dial_finished_at IS NOT NULL", id) == 1);
        browser.open("/callbacks");
        assertThat(browser.all("#attempts-" + id + " li")).singleElement().satisfies(li -> assertThat(li.getText())
                .contains(OPERATOR + " (вн. " + EXTENSION + ")", "ваш телефон — ответили", "заявитель — ответил"));
        assertThat(fake().receivedActions().stream().filter(a -> "originate".equalsIgnoreCase(a.get("action")))
                .reduce((a, b) -> b).orElseThrow()).containsEntry("channel", "Local/" + EXTENSION + "@agents/n");

        // «Дозвонились»: the request is registered and its page opens
        browser.find(card + " details summary").click();
        new Select(browser.find(card + " details select[name=type]")).selectByValue("ERROR");
        browser.find(card + " details input[name=subject]").sendKeys("Не приходит код");
        browser.find(card + " details textarea[name=description]").sendKeys("Не приходит код подтверждения на вход");
        browser.find(card + " details input[name=organisation]").sendKeys("МАОУ СОШ № 5");
        browser.find(card + " details input[name=person]").sendKeys("Миллер П.");
        browser.find(card + " details input[name=note]").sendKeys("Перезвонили, объяснили");
        browser.submit(browser.find(card + " details button[type=submit]"));

        String number = browser.text("#number");
        assertThat(browser.driver.getCurrentUrl()).endsWith("/requests/" + number);
        assertThat(browser.text(".flash.ok")).isEqualTo("Зарегистрировано обращение " + number + ".");
        assertThat(browser.text("main")).contains("Голосовое сообщение", "+15555550123");
        assertThat(browser.find("main textarea[name=description]").getAttribute("value"))
                .isEqualTo("Не приходит код подтверждения на вход");
        assertThat(browser.find("main input[name=person]").getAttribute("value")).isEqualTo("Миллер П.");
        assertThat(browser.text("#correspondence .voicemail")).contains("Голосовое сообщение");
        assertThat(browser.find("#correspondence .voicemail audio").getAttribute("src"))
                .endsWith("/api/callbacks/" + id + "/recording");
        assertThat(fetch("#correspondence .voicemail audio")).isEqualTo("200 audio/wav");

        assertThat(row("SELECT channel, type, contact_phone, subject, description, organisation, person FROM request"
                + " WHERE number = ?", number))
                .containsEntry("channel", "VOICEMAIL").containsEntry("type", "ERROR")
                .containsEntry("contact_phone", "+15555550123").containsEntry("subject", "Не приходит код")
                .containsEntry("description", "Не приходит код подтверждения на вход")
                .containsEntry("organisation", "МАОУ СОШ № 5").containsEntry("person", "Миллер П.");
        assertThat(row("SELECT c.status, a.outcome, a.note FROM callback c JOIN callback_attempt a ON a.callback_id = c.id"
                + " WHERE c.id = ?", id))
                .containsEntry("status", "DONE").containsEntry("outcome", "REACHED")
                .containsEntry("note", "Перезвонили, объяснили");

        // and the queue is empty again
        browser.open("/callbacks");
        assertThat(browser.all(card)).isEmpty();
        assertThat(browser.text("#queue-empty")).isEqualTo("Очередь пуста.");
    }

    /** Fetches an element's {@code src} in the page (with the session's cookie): "status content-type". */
    private String fetch(String css) {
        return (String) browser.script("return fetch(document.querySelector(\"" + css + "\").src)"
                + ".then(r => r.status + ' ' + (r.headers.get('content-type') || '').split(';')[0])");
    }
}
