package ru.supportgateway.telephony.agi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;

import ru.supportgateway.desk.Desks;
import ru.supportgateway.telephony.agi.AsteriskAgiClient.Session;
import ru.supportgateway.testsupport.TestClock;

/**
 * The FastAGI server with the real desks of {@code desks/*.yml} (via config/application.yml) and a test
 * clock, spoken to over TCP the way Asterisk does in the lab captures.
 */
@SpringBootTest(classes = DeskHoursAgiServerTest.Context.class,
        properties = {"gateway.agi.port=0", "gateway.agi.bind=127.0.0.1"})
@ExtendWith(OutputCaptureExtension.class)
class DeskHoursAgiServerTest {

    @Configuration(proxyBeanMethods = false)
    @ComponentScan(basePackageClasses = Desks.class, useDefaultFilters = false, includeFilters =
            @ComponentScan.Filter(type = FilterType.REGEX, pattern = "ru\\.supportgateway\\.desk\\.DeskConfiguration"))
    @EnableConfigurationProperties(AgiProperties.class)
    @Import({AgiConfiguration.class, TestClock.Config.class})
    static class Context {
    }

    @Autowired
    private DeskHoursAgiServer server;
    @Autowired
    private TestClock clock;

    private Session call(String instant, String scriptAndQuery) {
        clock.set(instant);
        Session s = new AsteriskAgiClient(server.localPort()).call(scriptAndQuery);
        assertThat(s.serverClosed()).as("the server ends AGI() by closing the socket").isTrue();
        return s;
    }

    @Test
    void openOnThursdayMorning() {
        // Thursday 2026-01-15 10:00 in Tyumen (+05)
        Session s = call("2026-01-15T05:00:00Z", "desk-hours?desk=sc");
        assertThat(s.deskVariables()).containsExactly(
                entry("GATEWAY_DESK", "sc"),
                entry("DESK_AFTER_HOURS", "voicemail"),
                entry("DESK_NEXT_OPENING", "2026-01-15T10:00:00+05:00"),
                entry("DESK_NEXT_OPENING_TEXT", "сегодня, в 10 часов"),
                entry("DESK_OPEN", "1"));
        // asterisk-java reports the script's own result after it returns
        assertThat(s.variables()).containsEntry("AJ_AGISTATUS", "SUCCESS");
        assertThat(s.commands()).first().isEqualTo("SET VARIABLE \"GATEWAY_DESK\" \"sc\"");
    }

    @Test
    void closedForLunchReopensToday() {
        Session s = call("2026-01-15T07:45:00Z", "desk-hours?desk=sc"); // 12:45 +05
        assertThat(s.variables())
                .containsEntry("DESK_OPEN", "0")
                .containsEntry("DESK_NEXT_OPENING", "2026-01-15T13:30:00+05:00")
                .containsEntry("DESK_NEXT_OPENING_TEXT", "сегодня, в 13 часов 30 минут")
                .containsEntry("DESK_AFTER_HOURS", "voicemail");
    }

    @Test
    void fridayAfterHoursReopensOnMonday() {
        Session s = call("2026-01-16T11:30:00Z", "desk-hours?desk=sc"); // Friday 16:30 +05, closes at 16:00
        assertThat(s.variables())
                .containsEntry("DESK_OPEN", "0")
                .containsEntry("DESK_NEXT_OPENING", "2026-01-19T08:30:00+05:00")
                .containsEntry("DESK_NEXT_OPENING_TEXT", "в понедельник, 19 января, в 8 часов 30 минут");
    }

    @Test
    void newYearHolidaysLastUntilJanuaryTwelfth() {
        Session s = call("2025-12-31T14:00:00Z", "desk-hours?desk=sc"); // 31 Dec 19:00 +05
        assertThat(s.variables())
                .containsEntry("DESK_OPEN", "0")
                .containsEntry("DESK_NEXT_OPENING", "2026-01-12T08:30:00+05:00")
                .containsEntry("DESK_NEXT_OPENING_TEXT", "в понедельник, 12 января, в 8 часов 30 минут");
    }

    @Test
    void transferredDayOffIsSkipped() {
        // Monday 2026-03-09 is the day off moved from Sunday 8 March: Friday evening -> Tuesday
        Session s = call("2026-03-06T12:00:00Z", "desk-hours?desk=sc"); // Friday 17:00 +05
        assertThat(s.variables())
                .containsEntry("DESK_OPEN", "0")
                .containsEntry("DESK_NEXT_OPENING", "2026-03-10T08:30:00+05:00")
                .containsEntry("DESK_NEXT_OPENING_TEXT", "во вторник, 10 марта, в 8 часов 30 минут");
    }

    @Test
    void workingSaturdayIsOpen() {
        // Saturday 2025-11-01 was a working day (its day off moved to Monday 3 November)
        Session s = call("2025-11-01T05:00:00Z", "desk-hours?desk=sc"); // 10:00 +05
        assertThat(s.variables())
                .containsEntry("DESK_OPEN", "1")
                .containsEntry("DESK_NEXT_OPENING", "2025-11-01T10:00:00+05:00");
    }

    @Test
    void dailyDeskAtNightOpensTomorrowMorning() {
        Session s = call("2026-01-15T19:00:00Z", "desk-hours?desk=dnevnik"); // 22:00 Moscow
        assertThat(s.deskVariables()).containsExactly(
                entry("GATEWAY_DESK", "dnevnik"),
                entry("DESK_AFTER_HOURS", "voicemail"),
                entry("DESK_NEXT_OPENING", "2026-01-16T09:00:00+03:00"),
                entry("DESK_NEXT_OPENING_TEXT", "завтра, в 9 часов"),
                entry("DESK_OPEN", "0"));
    }

    @Test
    void messageOnlyDeskAfterHours() {
        Session s = call("2026-01-15T16:00:00Z", "desk-hours?desk=ais"); // 19:00 Moscow
        assertThat(s.variables())
                .containsEntry("GATEWAY_DESK", "ais")
                .containsEntry("DESK_OPEN", "0")
                .containsEntry("DESK_AFTER_HOURS", "message")
                .containsEntry("DESK_NEXT_OPENING_TEXT", "завтра, в 9 часов");
    }

    @Test
    void unknownDeskIsClosedAndLoggedButTheCallGoesOn(CapturedOutput output) {
        Session s = call("2026-01-15T05:00:00Z", "desk-hours?desk=nosuch");
        assertThat(s.deskVariables()).containsExactly(
                entry("DESK_AFTER_HOURS", "message"),
                entry("DESK_NEXT_OPENING", ""),
                entry("DESK_NEXT_OPENING_TEXT", ""),
                entry("DESK_OPEN", "0"));
        assertThat(s.variables()).containsEntry("AJ_AGISTATUS", "SUCCESS");
        assertThat(output.getAll()).contains("unknown desk 'nosuch'");
    }

    @Test
    void missingDeskParameterIsTreatedAsUnknown(CapturedOutput output) {
        Session s = call("2026-01-15T05:00:00Z", "desk-hours");
        assertThat(s.variables()).containsEntry("DESK_OPEN", "0").containsEntry("DESK_AFTER_HOURS", "message")
                .doesNotContainKey("GATEWAY_DESK");
        assertThat(output.getAll()).contains("no desk 'null'");
    }

    @Test
    void hangupLineDuringTheScriptChangesNothing() {
        // Capture 08: after the caller hangs up Asterisk sends "HANGUP" before the next reply and
        // still answers SET VARIABLE on the dead channel.
        clock.set("2026-01-15T07:45:00Z");
        Session s = new AsteriskAgiClient(server.localPort()).hangupLineBeforeReplyTo(1).call("desk-hours?desk=sc");
        assertThat(s.serverClosed()).isTrue();
        assertThat(s.variables()).containsEntry("DESK_OPEN", "0").containsEntry("AJ_AGISTATUS", "SUCCESS");
        assertThat(s.deskVariables()).hasSize(5);
    }

    @Test
    void socketClosedMidScriptIsQuietAndTheServerKeepsServing(CapturedOutput output) {
        clock.set("2026-01-15T05:00:00Z");
        Session cut = new AsteriskAgiClient(server.localPort()).closeAfterCommands(2).call("desk-hours?desk=sc");
        assertThat(cut.commands()).hasSize(2);
        Session next = call("2026-01-15T05:00:00Z", "desk-hours?desk=sc");
        assertThat(next.variables()).containsEntry("DESK_OPEN", "1");
        // asterisk-java logs "AgiException running AgiScript ..." at ERROR if the script lets the hang-up out
        assertThat(output.getAll()).doesNotContain("AgiException").doesNotContain("AgiHangupException");
    }

    @Test
    void manyCallsAtOnce() throws Exception {
        clock.set("2026-01-15T07:45:00Z");
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            List<Future<Session>> calls = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                String desk = i % 2 == 0 ? "sc" : "dnevnik";
                calls.add(pool.submit(() -> new AsteriskAgiClient(server.localPort()).call("desk-hours?desk=" + desk)));
            }
            for (int i = 0; i < calls.size(); i++) {
                Map<String, String> v = calls.get(i).get().variables();
                if (i % 2 == 0) {
                    assertThat(v).containsEntry("GATEWAY_DESK", "sc").containsEntry("DESK_OPEN", "0");
                } else {
                    assertThat(v).containsEntry("GATEWAY_DESK", "dnevnik").containsEntry("DESK_OPEN", "1");
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
