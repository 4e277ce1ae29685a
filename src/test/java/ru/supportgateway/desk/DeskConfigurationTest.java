package ru.supportgateway.desk;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The documented desk keys: what they build, and the message when one is wrong. */
class DeskConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(DeskConfiguration.class);

    private static final String[] TYUMEN = {
            "gateway.desks.sc.name=Ситуационный центр",
            "gateway.desks.sc.zone=Asia/Yekaterinburg",
            "gateway.desks.sc.calendar=ru",
            "gateway.desks.sc.hours.mon-thu=08:30-12:30, 13:30-17:00",
            "gateway.desks.sc.hours.fri=08:30-12:30, 13:30-16:00",
            "gateway.desks.sc.email.address=support@example.org",
            "gateway.desks.sc.email.after-hours=defer",
            "gateway.desks.sc.phone.queue=support",
            "gateway.desks.sc.phone.voicemail=100@support",
            "gateway.desks.sc.phone.after-hours=voicemail"};

    @Test
    void theDocumentedKeysBuildADesk() {
        runner.withPropertyValues(TYUMEN).run(ctx -> {
            assertThat(ctx).hasNotFailed();
            Desk sc = ctx.getBean(Desks.class).get("sc");
            assertThat(sc.numberPrefix()).isEqualTo("SC");
            assertThat(sc.zone().getId()).isEqualTo("Asia/Yekaterinburg");
            assertThat(sc.email().orElseThrow().afterHours()).isEqualTo(Desk.AfterHoursEmail.DEFER);
            assertThat(sc.phone().orElseThrow().voicemail()).contains("100@support");
            // Thursday 2026-11-19 12:45 +05 is lunch; 13:30 it reopens.
            assertThat(sc.calendar().isOpen(Instant.parse("2026-11-19T07:45:00Z"))).isFalse();
            assertThat(sc.calendar().nextOpening(Instant.parse("2026-11-19T07:45:00Z")))
                    .isEqualTo(Instant.parse("2026-11-19T08:30:00Z"));
            assertThat(sc.calendar().intervalsOn(java.time.LocalDate.of(2026, 11, 21))).isEmpty(); // Saturday
            assertThat(DayOfWeek.from(java.time.LocalDate.of(2026, 11, 21))).isEqualTo(DayOfWeek.SATURDAY);
        });
    }

    @Test
    void calendarOverridesAddDaysOff() {
        runner.withPropertyValues(TYUMEN).withPropertyValues("gateway.calendars.ru.days[2026-11-19]=holiday")
                .run(ctx -> {
                    assertThat(ctx).hasNotFailed();
                    Desk sc = ctx.getBean(Desks.class).get("sc");
                    assertThat(sc.calendar().isOpen(Instant.parse("2026-11-19T05:00:00Z"))).isFalse();
                    assertThat(sc.calendar().isOpen(Instant.parse("2026-11-20T05:00:00Z"))).isTrue();
                });
    }

    @Test
    void anUnknownKeyStopsTheStartNamingIt() {
        assertFailure("gateway.desks.sc.email.after-hour=defer", "gateway.desks.sc.email.after-hour");
    }

    @Test
    void aBadTimeRangeNamesTheKey() {
        assertFailure("gateway.desks.sc.hours.fri=08:30-25:00", "gateway.desks.sc.hours.fri");
        assertFailure("gateway.desks.sc.hours.fri=16:00-08:30", "gateway.desks.sc.hours.fri");
        assertFailure("gateway.desks.sc.hours.fri=08:30-12:30, 12:00-16:00", "gateway.desks.sc.hours.fri");
        assertFailure("gateway.desks.sc.hours.frday=08:30-16:00", "gateway.desks.sc.hours.frday");
    }

    @Test
    void aDayGivenTwiceIsRefused() {
        assertFailure("gateway.desks.sc.hours.daily=09:00-21:00", "gateway.desks.sc.hours");
    }

    @Test
    void aBadZoneOrPolicyNamesTheKey() {
        assertFailure("gateway.desks.sc.zone=Asia/Tyumen", "gateway.desks.sc.zone");
        assertFailure("gateway.desks.sc.email.after-hours=later", "gateway.desks.sc.email.after-hours");
        assertFailure("gateway.desks.sc.phone.after-hours=music", "gateway.desks.sc.phone.after-hours");
        assertFailure("gateway.desks.sc.calendar=tatarstan", "gateway.desks.sc.calendar");
    }

    @Test
    void voicemailAfterHoursNeedsAMailbox() {
        runner.withPropertyValues("gateway.desks.x.name=X", "gateway.desks.x.zone=Europe/Moscow",
                "gateway.desks.x.hours.mon-fri=09:00-18:00", "gateway.desks.x.phone.queue=q").run(ctx ->
                assertThat(ctx.getStartupFailure()).rootCause().hasMessageContaining("gateway.desks.x.phone.voicemail"));
    }

    @Test
    void abandonedCallsAreCalledBackOnlyWhenTheDeskSaysSo() {
        runner.withPropertyValues(TYUMEN).run(ctx -> {
            Desk.PhoneSettings phone = ctx.getBean(Desks.class).get("sc").phone().orElseThrow();
            assertThat(phone.callbackOnAbandon()).isFalse();
            assertThat(phone.abandonThreshold()).isEqualTo(java.time.Duration.ofSeconds(20));
        });
        runner.withPropertyValues(TYUMEN).withPropertyValues("gateway.desks.sc.phone.callback-on-abandon=true",
                "gateway.desks.sc.phone.abandon-threshold=45s").run(ctx -> {
            Desk.PhoneSettings phone = ctx.getBean(Desks.class).get("sc").phone().orElseThrow();
            assertThat(phone.callbackOnAbandon()).isTrue();
            assertThat(phone.abandonThreshold()).isEqualTo(java.time.Duration.ofSeconds(45));
        });
    }

    @Test
    void callBackOnAbandonNeedsAQueueAndQueuesAndBoxesBelongToOneDesk() {
        runner.withPropertyValues("gateway.desks.x.name=X", "gateway.desks.x.zone=Europe/Moscow",
                "gateway.desks.x.hours.mon-fri=09:00-18:00", "gateway.desks.x.phone.after-hours=message",
                "gateway.desks.x.phone.callback-on-abandon=true").run(ctx ->
                assertThat(ctx.getStartupFailure()).rootCause()
                        .hasMessageContaining("gateway.desks.x.phone.callback-on-abandon"));
        runner.withPropertyValues(TYUMEN).withPropertyValues("gateway.desks.x.name=X", "gateway.desks.x.zone=Europe/Moscow",
                "gateway.desks.x.hours.mon-fri=09:00-18:00", "gateway.desks.x.phone.queue=support",
                "gateway.desks.x.phone.after-hours=message").run(ctx ->
                assertThat(ctx.getStartupFailure()).rootCause().hasMessageContaining("gateway.desks.x.phone.queue")
                        .hasMessageContaining("desk sc"));
        runner.withPropertyValues(TYUMEN).withPropertyValues("gateway.desks.x.name=X", "gateway.desks.x.zone=Europe/Moscow",
                "gateway.desks.x.hours.mon-fri=09:00-18:00", "gateway.desks.x.phone.voicemail=100@support").run(ctx ->
                assertThat(ctx.getStartupFailure()).rootCause().hasMessageContaining("gateway.desks.x.phone.voicemail"));
        assertFailure("gateway.desks.sc.phone.abandon-threshold=-5s", "gateway.desks.sc.phone.abandon-threshold");
    }

    private void assertFailure(String override, String key) {
        runner.withPropertyValues(TYUMEN).withPropertyValues(override).run(ctx -> {
            assertThat(ctx).hasFailed();
            Throwable root = ctx.getStartupFailure();
            StringBuilder messages = new StringBuilder();
            for (Throwable t = root; t != null; t = t.getCause()) {
                messages.append(t.getMessage()).append('\n');
                if (t instanceof org.springframework.boot.context.properties.bind.UnboundConfigurationPropertiesException u) {
                    u.getUnboundProperties().forEach(p -> messages.append(p.getName()).append('\n'));
                }
            }
            assertThat(messages.toString()).contains(key);
        });
    }
}
