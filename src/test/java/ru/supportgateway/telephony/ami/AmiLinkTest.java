package ru.supportgateway.telephony.ami;

import static org.assertj.core.api.Assertions.assertThat;
import static ru.supportgateway.telephony.Eventually.await;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.asteriskjava.manager.ResponseEvents;
import org.asteriskjava.manager.event.ResponseEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import ru.supportgateway.telephony.ami.action.VoicemailBoxSummaryAction;
import ru.supportgateway.telephony.ami.event.VoicemailBoxDetailEvent;
import ru.supportgateway.telephony.fake.AmiCapture;
import ru.supportgateway.telephony.fake.FakeAmiServer;

class AmiLinkTest {

    private FakeAmiServer fake;
    private AmiLink link;
    private final List<AmiEvent> events = new CopyOnWriteArrayList<>();
    private final List<AmiHealth> healthHistory = new CopyOnWriteArrayList<>();
    private final AtomicInteger reconciles = new AtomicInteger();

    @AfterEach
    void tearDown() throws IOException {
        if (link != null) {
            link.stop();
        }
        if (fake != null) {
            fake.close();
        }
    }

    private AmiLink link(String secret, AmiReconcileHook... hooks) {
        AmiSettings settings = new AmiSettings("127.0.0.1", fake.port(), "gateway", secret,
                Duration.ofMillis(50), Duration.ofMillis(400), Duration.ofSeconds(1));
        List<AmiReconcileHook> all = new ArrayList<>(List.of(hooks));
        all.add(0, c -> reconciles.incrementAndGet());
        link = new AmiLink(settings, all, Clock.systemUTC());
        link.addEventListener(events::add);
        link.addHealthListener(healthHistory::add);
        link.start();
        return link;
    }

    private long eventsNamed(String name) {
        return events.stream().filter(e -> e.is(name)).count();
    }

    @Test
    void logsInAndReconcilesWithVoicemailBoxSummary() throws Exception {
        fake = new FakeAmiServer("gateway", "secret").start();
        List<VoicemailBoxDetailEvent> messages = new CopyOnWriteArrayList<>();
        link("secret", connection -> {
            ResponseEvents answer = connection.sendEventGeneratingAction(
                    new VoicemailBoxSummaryAction("support", "100"));
            for (ResponseEvent e : answer.getEvents()) {
                if (e instanceof VoicemailBoxDetailEvent d) {
                    messages.add(d);
                }
            }
        });

        await("link up", () -> link.health().isUp());
        await("reconcile ran", () -> messages.size() == 3);
        assertThat(link.health().message()).contains("as gateway");
        assertThat(reconciles).hasValue(1);
        assertThat(messages).extracting(VoicemailBoxDetailEvent::getId)
                .containsExactly("1795334091-00000000", "1795334115-00000001", "1795334140-00000002");
        assertThat(messages.get(1).getCallerId()).isEqualTo("\"Parent Miller\" <+15555550123>");
        assertThat(messages.get(1).getDuration()).isEqualTo("12");
        // asterisk-java logs in with an MD5 challenge; the fake checked the key
        assertThat(fake.receivedActions()).extracting(a -> a.get("action").toLowerCase())
                .startsWith("challenge", "login");
        assertThat(link.connection()).isPresent();
    }

    @Test
    void refusedLoginIsReportedAndRetriedWithBackoff() throws Exception {
        fake = new FakeAmiServer("gateway", "secret").authFailureDelay(Duration.ofMillis(20)).start();
        link("wrong-secret");

        await("three refused logins", () -> fake.failedLogins() >= 3);
        AmiHealth h = link.health();
        assertThat(h.state()).isEqualTo(AmiHealth.State.LOGIN_REFUSED);
        assertThat(h.message()).startsWith("Asterisk refused the login for user gateway");
        assertThat(h.failedAttempts()).isGreaterThanOrEqualTo(2);
        assertThat(reconciles).hasValue(0);
        assertThat(link.connection()).isEmpty();
        assertThat(h.message()).doesNotContain("wrong-secret");
    }

    @Test
    void reconnectsAfterRestartThroughRefusedAndBannerlessConnects() throws Exception {
        fake = new FakeAmiServer("gateway", "secret").start();
        link("secret");
        await("link up", () -> link.health().isUp());
        assertThat(reconciles).hasValue(1);

        // 07a: restart -> Shutdown event, socket closed; port closed while Asterisk is down
        fake.stopListening();
        fake.shutdown(true);
        await("lost", () -> healthHistory.stream().anyMatch(h -> h.message().contains("lost")));
        await("refused connect seen", () -> healthHistory.stream()
                .anyMatch(h -> h.state() == AmiHealth.State.DOWN && h.message().contains("refused")));
        assertThat(link.connection()).isEmpty();

        // 07b: one connect accepted and closed without banner, then a normal session before FullyBooted
        fake.closeNextConnectionsWithoutBanner(1);
        fake.fullyBootedOnLogin(false);
        fake.startListening();
        await("up again", () -> link.health().isUp() && reconciles.get() == 2);
        assertThat(fake.connectionsClosedWithoutBanner()).isEqualTo(1);
        assertThat(eventsNamed("Shutdown")).isEqualTo(1);

        fake.replay(AmiCapture.load("07b-reconnect-after-restart"));
        await("boot-time FullyBooted after reconnect", () -> eventsNamed("FullyBooted") >= 2);
        assertThat(eventsNamed("VarSet")).isGreaterThanOrEqualTo(3);
        assertThat(fake.successfulLogins()).isEqualTo(2);
    }

    @Test
    void reconnectsAfterConnectionIsDroppedMidStream() throws Exception {
        fake = new FakeAmiServer("gateway", "secret").start();
        link("secret");
        await("link up", () -> link.health().isUp());

        fake.replay(AmiCapture.load("01-queue-answered"));
        await("events of 01", () -> eventsNamed("AgentComplete") == 1);
        fake.drop();
        await("reconnected", () -> reconciles.get() == 2 && link.health().isUp());
        assertThat(healthHistory).anyMatch(h -> h.state() == AmiHealth.State.DOWN);

        fake.replay(AmiCapture.load("03-after-hours-voicemail"));
        await("voicemail user event", () -> eventsNamed("SupportVoicemail") == 1);
        AmiEvent vm = events.stream().filter(e -> e.is("SupportVoicemail")).findFirst().orElseThrow();
        assertThat(vm.get("MsgId")).contains("1795334115-00000001");
        assertThat(vm.get("Linkedid")).contains("1795334112.18");
        assertThat(vm.get("VmCallerName")).contains("Parent Miller");
    }

    @Test
    void everyBroadcastEventOfACallReachesListenersExactlyOnce() throws Exception {
        fake = new FakeAmiServer("gateway", "secret").start();
        link("secret");
        await("link up", () -> link.health().isUp());
        AmiCapture capture = AmiCapture.load("02a-queue-abandon");
        int before = events.size();
        fake.replay(capture);
        await("abandon event", () -> eventsNamed("QueueCallerAbandon") == 1);
        await("last event", () -> events.size() - before >= capture.scenarioEvents().size());
        Thread.sleep(200);
        java.util.Map<String, Long> want = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        capture.scenarioEvents().forEach(m -> want.merge(m.eventName(), 1L, Long::sum));
        java.util.Map<String, Long> got = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        events.subList(before, events.size()).forEach(e -> got.merge(e.name(), 1L, Long::sum));
        // same events, same counts: nothing lost, nothing synthesised
        assertThat(got).isEqualTo(want);
        assertThat(link.health().isUp()).isTrue();
    }
}
