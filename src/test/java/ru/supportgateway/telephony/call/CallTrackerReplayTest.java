package ru.supportgateway.telephony.call;

import static org.assertj.core.api.Assertions.assertThat;
import static ru.supportgateway.telephony.Eventually.await;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import ru.supportgateway.telephony.ami.AmiLink;
import ru.supportgateway.telephony.ami.AmiSettings;
import ru.supportgateway.telephony.fake.AmiCapture;
import ru.supportgateway.telephony.fake.FakeAmiServer;

/** Replays the recorded calls through the fake Asterisk and the real AMI link into the tracker. */
class CallTrackerReplayTest {

    private static FakeAmiServer fake;
    private static AmiLink link;
    private static final List<CallRecord> records = new CopyOnWriteArrayList<>();
    private static CallTracker tracker;

    @BeforeAll
    static void connect() throws IOException {
        fake = new FakeAmiServer("gateway", "secret").start();
        tracker = new CallTracker(records::add, Clock.systemUTC(), Set.of("from-trunk"));
        link = new AmiLink(new AmiSettings("127.0.0.1", fake.port(), "gateway", "secret",
                Duration.ofMillis(50), Duration.ofMillis(200), Duration.ofSeconds(2)), List.of(), Clock.systemUTC());
        link.addEventListener(tracker);
        link.start();
        await("link up", () -> link.health().isUp());
    }

    @AfterAll
    static void disconnect() throws IOException {
        link.stop();
        fake.close();
    }

    @BeforeEach
    void clear() {
        records.clear();
    }

    private CallRecord replayOneCall(String capture) throws InterruptedException {
        fake.replay(AmiCapture.load(capture));
        await("call record of " + capture, () -> !records.isEmpty());
        Thread.sleep(100); // late events (Cdr, trailing Hangup) must not produce a second record
        assertThat(records).hasSize(1);
        assertThat(tracker.activeCalls()).isZero();
        CallRecord r = records.get(0);
        assertThat(r.endedAt()).isAfterOrEqualTo(r.startedAt());
        return r;
    }

    @Test
    void answeredByOperatorWhoHangsUp_01() throws Exception {
        CallRecord r = replayOneCall("01-queue-answered");
        assertThat(r.linkedid()).isEqualTo("1795334012.0");
        assertThat(r.outcome()).isEqualTo(CallOutcome.ANSWERED);
        assertThat(r.operatorName()).isEqualTo("Anna Admin");
        assertThat(r.operatorInterface()).isEqualTo("Local/201@agents/n");
        assertThat(r.talkSeconds()).isEqualTo(7);
        assertThat(r.waitSeconds()).isEqualTo(2);
        assertThat(r.queue()).isEqualTo("support");
        assertThat(r.line()).isEqualTo("1000");
        assertThat(r.callerNumber()).isEqualTo("+15555550123");
        assertThat(r.callerName()).isEqualTo("Parent Miller");
        assertThat(r.voicemail()).isNull();
    }

    @Test
    void answeredCallerHangsUp_01b() throws Exception {
        CallRecord r = replayOneCall("01b-queue-answered-caller-hangs-up");
        assertThat(r.linkedid()).isEqualTo("1795334354.0");
        assertThat(r.outcome()).isEqualTo(CallOutcome.ANSWERED);
        assertThat(r.operatorName()).isEqualTo("Anna Admin");
        assertThat(r.talkSeconds()).isEqualTo(3);
    }

    @Test
    void abandonedInQueue_02a() throws Exception {
        CallRecord r = replayOneCall("02a-queue-abandon");
        assertThat(r.outcome()).isEqualTo(CallOutcome.ABANDONED);
        assertThat(r.waitSeconds()).isEqualTo(24);
        assertThat(r.operatorName()).isNull();
        assertThat(r.talkSeconds()).isNull();
        assertThat(r.callerNumber()).isEqualTo("+15555550123");
    }

    @Test
    void queueTimeoutThenVoicemail_02b() throws Exception {
        CallRecord r = replayOneCall("02b-queue-timeout-voicemail");
        assertThat(r.linkedid()).isEqualTo("1795334058.16");
        assertThat(r.outcome()).isEqualTo(CallOutcome.VOICEMAIL);
        assertThat(r.voicemail().reason()).isEqualTo("queue-TIMEOUT");
        assertThat(r.voicemail().msgId()).isEqualTo("1795334091-00000000");
        assertThat(r.voicemail().durationSeconds()).isEqualTo(12);
        assertThat(r.waitSeconds()).isEqualTo(20);
        assertThat(r.queue()).isEqualTo("support");
    }

    @Test
    void afterHoursVoicemail_03() throws Exception {
        CallRecord r = replayOneCall("03-after-hours-voicemail");
        assertThat(r.linkedid()).isEqualTo("1795334112.18");
        assertThat(r.outcome()).isEqualTo(CallOutcome.VOICEMAIL);
        assertThat(r.voicemail()).isEqualTo(new VoicemailInfo("100@support", "closed", "1795334115-00000001", 12,
                "/var/spool/asterisk/voicemail/support/100/INBOX/msg0001"));
        assertThat(r.queue()).isNull();
        assertThat(r.callerNumber()).isEqualTo("+15555550123");
        assertThat(r.callerName()).isEqualTo("Parent Miller");
    }

    @Test
    void voicemailSeenThroughEventFiltersOnly_04() throws Exception {
        // only MessageWaiting and the UserEvent arrive: no Newchannel, no Hangup
        CallRecord r = replayOneCall("04-voicemail-filtered");
        assertThat(r.outcome()).isEqualTo(CallOutcome.VOICEMAIL);
        assertThat(r.voicemail().msgId()).isEqualTo("1795334140-00000002");
        assertThat(r.voicemail().reason()).isEqualTo("closed");
        assertThat(r.callerNumber()).isEqualTo("+15555550123");
    }

    @Test
    void callerHangsUpDuringHoursCheck_08() throws Exception {
        CallRecord r = replayOneCall("08-caller-hangs-up-during-agi");
        assertThat(r.outcome()).isEqualTo(CallOutcome.CLOSED);
        assertThat(r.queue()).isNull();
        assertThat(r.voicemail()).isNull();
    }

    @Test
    void answeredWhileHoursServerDown_09() throws Exception {
        CallRecord r = replayOneCall("09-agi-server-down");
        assertThat(r.linkedid()).isEqualTo("1795334287.42");
        assertThat(r.outcome()).isEqualTo(CallOutcome.ANSWERED);
        assertThat(r.talkSeconds()).isEqualTo(6);
        assertThat(r.operatorName()).isEqualTo("Anna Admin");
    }

    @Test
    void operatorCallbackIsNotAnInboundCall_05a() throws Exception {
        fake.replay(AmiCapture.load("05a-callback-success"));
        await("all channels of the call-back hung up", () -> tracker.activeCalls() == 0);
        Thread.sleep(200);
        assertThat(records).isEmpty();
    }
}
