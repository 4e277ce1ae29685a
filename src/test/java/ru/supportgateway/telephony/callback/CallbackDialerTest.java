package ru.supportgateway.telephony.callback;

import static org.assertj.core.api.Assertions.assertThat;
import static ru.supportgateway.telephony.Eventually.await;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import ru.supportgateway.telephony.ami.AmiLink;
import ru.supportgateway.telephony.ami.AmiSettings;
import ru.supportgateway.telephony.callback.CallbackResult.OperatorLeg;
import ru.supportgateway.telephony.fake.AmiCapture;
import ru.supportgateway.telephony.fake.FakeAmiServer;

/** Originates through the real AMI link; the fake answers with the recorded 05a-05d call-backs. */
class CallbackDialerTest {

    private static FakeAmiServer fake;
    private static AmiLink link;
    private static CallbackDialer dialer;
    private static final List<CallbackResult> sunk = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void connect() throws IOException {
        fake = new FakeAmiServer("gateway", "secret").start();
        link = new AmiLink(new AmiSettings("127.0.0.1", fake.port(), "gateway", "secret",
                Duration.ofMillis(50), Duration.ofMillis(200), Duration.ofSeconds(2)), List.of(), Clock.systemUTC());
        dialer = new CallbackDialer(link, new CallbackDialerSettings("Local/{ext}@agents/n", "callback-out",
                Duration.ofSeconds(20), "Callback"), sunk::add);
        link.addEventListener(dialer);
        link.start();
        await("link up", () -> link.health().isUp());
    }

    @AfterAll
    static void disconnect() throws IOException {
        dialer.close();
        link.stop();
        fake.close();
    }

    @BeforeEach
    void clear() {
        sunk.clear();
    }

    private CallbackResult dial(String capture, String ext, String number) throws Exception {
        fake.armOriginate(AmiCapture.load(capture));
        CallbackResult r = dialer.dial(new CallbackRequest("4711", ext, number)).get(10, TimeUnit.SECONDS);
        assertThat(sunk).containsExactly(r);
        Map<String, String> originate = fake.receivedActions().stream()
                .filter(a -> "originate".equalsIgnoreCase(a.get("action"))).reduce((x, y) -> y).orElseThrow();
        assertThat(r.actionId()).isEqualTo(originate.get("actionid").substring(originate.get("actionid").indexOf('#') + 1));
        assertThat(originate).containsEntry("channel", "Local/" + ext + "@agents/n")
                .containsEntry("context", "callback-out").containsEntry("exten", r.customerNumber())
                .containsEntry("timeout", "20000").containsEntry("async", "true")
                .containsEntry("variable", "TICKET_ID=4711");
        return r;
    }

    @Test
    void operatorAndCustomerAnswer_05a() throws Exception {
        CallbackResult r = dial("05a-callback-success", "201", "+15555550123");
        assertThat(r.operator()).isEqualTo(OperatorLeg.ANSWERED);
        assertThat(r.originateReason()).isEqualTo(4);
        assertThat(r.customerDialStatus()).isEqualTo("ANSWER");
        assertThat(r.customerAnsweredSeconds()).isEqualTo(8);
        assertThat(r.customerReached()).isTrue();
        assertThat(r.ticketId()).isEqualTo("4711");
    }

    @Test
    void operatorAnswersCustomerDoesNot_05b() throws Exception {
        CallbackResult r = dial("05b-callback-customer-noanswer", "201", "+15555550199");
        assertThat(r.operator()).isEqualTo(OperatorLeg.ANSWERED);
        assertThat(r.originateReason()).isEqualTo(4);
        assertThat(r.customerDialStatus()).isEqualTo("NOANSWER");
        assertThat(r.customerAnsweredSeconds()).isNull();
        assertThat(r.customerReached()).isFalse();
    }

    @Test
    void operatorDoesNotAnswer_05c() throws Exception {
        CallbackResult r = dial("05c-callback-operator-noanswer", "201", "+15555550123");
        assertThat(r.operator()).isEqualTo(OperatorLeg.NO_ANSWER);
        assertThat(r.originateReason()).isEqualTo(3);
        assertThat(r.customerDialStatus()).isNull();
        assertThat(r.customerReached()).isFalse();
    }

    @Test
    void operatorChannelDoesNotExist_05d() throws Exception {
        CallbackResult r = dial("05d-callback-bad-channel", "299", "+15555550123");
        assertThat(r.operator()).isEqualTo(OperatorLeg.FAILED);
        assertThat(r.originateReason()).isZero();
    }

    @Test
    void failsAtOnceWhenTheLinkIsDownAndRejectsUncallableNumbers() throws Exception {
        AmiLink notStarted = new AmiLink(AmiSettings.of("127.0.0.1", fake.port(), "gateway", "secret"), List.of(),
                Clock.systemUTC());
        List<CallbackResult> results = new CopyOnWriteArrayList<>();
        CallbackDialer offline = new CallbackDialer(notStarted, new CallbackDialerSettings("PJSIP/{ext}",
                "callback-out", Duration.ofSeconds(20), null), results::add);
        try {
            CallbackResult r = offline.dial(new CallbackRequest("9", "201", "8 (3452) 390-679")).get(1, TimeUnit.SECONDS);
            assertThat(r.operator()).isEqualTo(OperatorLeg.FAILED);
            assertThat(r.detail()).startsWith("AMI link is down");
            assertThat(r.customerNumber()).isEqualTo("+73452390679");
            assertThat(results).containsExactly(r);
            org.assertj.core.api.Assertions.assertThatThrownBy(
                    () -> offline.dial(new CallbackRequest("9", "201", "<unknown>")))
                    .isInstanceOf(IllegalArgumentException.class);
        } finally {
            offline.close();
        }
    }
}
