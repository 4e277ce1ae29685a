package ru.supportgateway.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static ru.supportgateway.feedback.FeedbackFixture.awaitInbox;
import static ru.supportgateway.feedback.FeedbackFixture.token;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import ru.supportgateway.testsupport.Browser;
import ru.supportgateway.testsupport.GatewayTest;
import ru.supportgateway.testsupport.TestClock;

/**
 * The public form and the status page in headless Chromium: the character counter, the server's
 * message for an over-long text, the receipt, the holder's answer page, the answer on the status page
 * and the "ask again" button.
 */
@GatewayTest
class FeedbackBrowserTest {

    @Autowired Directory directory;
    @Autowired JdbcClient jdbc;
    @Autowired TestClock clock;
    @LocalServerPort int port;

    Browser chromium;
    WebDriver browser;

    @BeforeEach
    void startChromium() {
        chromium = new Browser(url(""));
        browser = chromium.driver;
        browser.manage().timeouts().implicitlyWait(Duration.ofSeconds(2));
    }

    @AfterEach
    void stopChromium() {
        if (chromium != null) {
            chromium.close();
        }
        FeedbackFixture.drainOutbox(jdbc, clock);
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    @Test
    void aParentAsksFollowsTheQuestionAndAsksAgain() {
        FeedbackFixture f = new FeedbackFixture(directory);
        clock.set("2031-02-02T05:00:00Z");
        browser.get(url("/feedback"));
        assertThat(text("counter")).isEqualTo("Символов: 0 из 500");

        browser.findElement(By.id("name")).sendKeys("Сидорова Анна");
        browser.findElement(By.id("email")).sendKeys(f.applicant());
        new Select(browser.findElement(By.id("schoolId"))).selectByVisibleText(f.school.name());
        browser.findElement(By.id("rubric-SCHOOL")).click();
        browser.findElement(By.id("text")).sendKeys("Когда родительское собрание?");
        assertThat(text("counter")).isEqualTo("Символов: 28 из 500");

        // maxlength stops typing at 500, and the counter says so.
        browser.findElement(By.id("text")).sendKeys("я".repeat(600));
        assertThat(browser.findElement(By.id("text")).getAttribute("value")).hasSize(500);
        assertThat(text("counter")).isEqualTo("Символов: 500 из 500");

        // A page that lost its maxlength (an old browser, a script) still meets the server's check.
        ((JavascriptExecutor) browser).executeScript("""
                const t = document.getElementById('text');
                t.removeAttribute('maxlength');
                t.value = 'ю'.repeat(501);
                t.dispatchEvent(new Event('input'));""");
        assertThat(text("counter")).isEqualTo("Символов: 501 из 500");
        assertThat(text("text-client-error")).isEqualTo("Текст вопроса не должен превышать 500 символов (сейчас 501).");
        clock.set("2031-02-02T05:00:10Z");
        ((JavascriptExecutor) browser).executeScript("document.getElementById('feedback-form').submit()");
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> !d.findElements(By.id("text-error")).isEmpty());
        assertThat(text("text-error"))
                .isEqualTo("Текст вопроса не должен превышать 500 символов (сейчас 501). Сократите его, пожалуйста.");
        assertThat(browser.findElement(By.id("name")).getAttribute("value")).as("the form keeps what was typed")
                .isEqualTo("Сидорова Анна");

        browser.findElement(By.id("text")).clear();
        browser.findElement(By.id("text")).sendKeys("Когда родительское собрание в 5 «Б»?");
        clock.set("2031-02-02T05:00:20Z");
        browser.findElement(By.id("send-question")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> !d.findElements(By.id("number")).isEmpty());
        String number = text("number");
        assertThat(number).startsWith("FEEDBACK-2031-");

        String status = token(awaitInbox(f.applicant(), 1).get(0), "/feedback/status/");
        browser.get(url("/feedback/status/" + status));
        assertThat(text("number")).isEqualTo(number);
        assertThat(text("holder")).isEqualTo("заместитель директора");
        assertThat(text("no-answers")).isEqualTo("Ответа пока нет.");
        assertThat(browser.findElements(By.id("repeat"))).isEmpty();

        // The deputy head answers through the link in their mail; no login.
        String answer = token(awaitInbox(f.deputy, 1).get(0), "/feedback/answer/");
        clock.set("2031-02-02T07:00:00Z");
        browser.get(url("/feedback/answer/" + answer));
        assertThat(text("question")).isEqualTo("Когда родительское собрание в 5 «Б»?");
        browser.findElement(By.id("text")).sendKeys("В четверг в 18:00, кабинет 12.");
        browser.findElement(By.id("send")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> !d.findElements(By.id("message")).isEmpty());
        assertThat(text("message")).isEqualTo("Ответ отправлен заявителю. Спасибо!");

        browser.get(url("/feedback/status/" + status));
        assertThat(text("state")).isEqualTo("На вопрос дан ответ.");
        assertThat(browser.findElement(By.cssSelector(".answer blockquote")).getText()).isEqualTo("В четверг в 18:00, кабинет 12.");
        browser.findElement(By.id("comment")).sendKeys("А для 5 «А»?");
        browser.findElement(By.id("repeat")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> !d.findElements(By.id("message")).isEmpty());
        assertThat(text("message")).startsWith("Вопрос отправлен повторно");
        assertThat(text("repeats")).isEqualTo("1");
        assertThat(text("holder")).isEqualTo("заместитель директора");
        assertThat(text("state")).isEqualTo("Вопрос рассматривается.");
    }

    @Test
    void thePublicPagesWearTheOperatorsLookUnderTheStrictPolicy() {
        browser.get(url("/feedback"));
        // the operators' top bar and primary button colours come from the shared app.css (no inline styles)
        assertThat(browser.findElement(By.cssSelector("header.top")).getCssValue("background-color")).isEqualTo("rgba(24, 50, 77, 1)");
        assertThat(browser.findElement(By.id("send-question")).getCssValue("background-color")).isEqualTo("rgba(11, 92, 173, 1)");
        assertThat(browser.findElement(By.id("text")).getCssValue("border-top-color")).isEqualTo("rgba(183, 194, 205, 1)");
        assertThat(browser.findElements(By.cssSelector("[style], style, script:not([src])"))).isEmpty();
    }

    @Test
    void anUnknownStatusLinkSaysSoInRussian() {
        browser.get(url("/feedback/status/" + "A".repeat(43)));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Вопрос не найден");
    }
}
