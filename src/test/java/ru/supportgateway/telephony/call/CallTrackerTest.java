package ru.supportgateway.telephony.call;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import ru.supportgateway.telephony.ami.AmiEvent;

/** Pure-logic cases the captures do not cover. */
class CallTrackerTest {

    private Instant now = Instant.parse("2026-11-22T08:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    private final List<CallRecord> records = new ArrayList<>();
    private final CallTracker tracker = new CallTracker(records::add, clock, Set.of("from-trunk"));

    private static AmiEvent ev(String name, String... kv) {
        Map<String, String> m = new java.util.HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return AmiEvent.of(name, m);
    }

    private static String[] chan(String uniqueid, String... more) {
        List<String> l = new ArrayList<>(List.of("Channel", "PJSIP/trunk-00000012", "Uniqueid", uniqueid,
                "Linkedid", "100.1", "Context", "from-trunk", "Exten", "1000", "CallerIDNum", "8 (3452) 390-679",
                "CallerIDName", "Иванова"));
        l.addAll(List.of(more));
        return l.toArray(String[]::new);
    }

    @Test
    void timesComeFromTheClockAndMalformedNumbersAreSkipped() {
        tracker.accept(ev("NewChannel", chan("100.1")));
        now = now.plusSeconds(3);
        tracker.accept(ev("QueueCallerJoin", chan("100.1", "Queue", "support")));
        tracker.accept(ev("QueueCallerAbandon", chan("100.1", "Queue", "support", "HoldTime", "not-a-number")));
        now = now.plusSeconds(30);
        tracker.accept(ev("Hangup", chan("100.1")));

        assertThat(records).hasSize(1);
        CallRecord r = records.get(0);
        assertThat(r.outcome()).isEqualTo(CallOutcome.ABANDONED);
        assertThat(r.waitSeconds()).isNull();
        assertThat(r.startedAt()).isEqualTo(Instant.parse("2026-11-22T08:00:00Z"));
        assertThat(r.endedAt()).isEqualTo(Instant.parse("2026-11-22T08:00:33Z"));
        assertThat(r.callerNumber()).isEqualTo("+73452390679");
        assertThat(r.callerName()).isEqualTo("Иванова");
    }

    @Test
    void callWhoseHangupWasLostIsReportedAfterIdleTimeout() {
        tracker.accept(ev("NewChannel", chan("100.1")));
        now = now.plusSeconds(60);
        assertThat(tracker.expireIdle(Duration.ofMinutes(5))).isEmpty();
        now = now.plus(Duration.ofMinutes(10));
        List<CallRecord> expired = tracker.expireIdle(Duration.ofMinutes(5));
        assertThat(expired).hasSize(1);
        assertThat(expired.get(0).outcome()).isEqualTo(CallOutcome.CLOSED);
        assertThat(expired.get(0).endedAt()).isEqualTo(Instant.parse("2026-11-22T08:00:00Z"));
        assertThat(records).isEqualTo(expired);
        assertThat(tracker.activeCalls()).isZero();
    }

    @Test
    void eventsAfterTheCallWasReportedDoNotStartANewCall() {
        tracker.accept(ev("NewChannel", chan("100.1")));
        tracker.accept(ev("Hangup", chan("100.1")));
        tracker.accept(ev("VarSet", chan("100.1", "Variable", "X", "Value", "1")));
        tracker.accept(ev("Hangup", chan("100.1")));
        assertThat(records).hasSize(1);
        assertThat(tracker.activeCalls()).isZero();
    }

    @Test
    void eventsWithoutChannelOrLinkedidAreIgnored() {
        tracker.accept(ev("DialEnd", "DestChannel", "Local/1@x-1;1", "DestUniqueid", "5.1", "DestLinkedid", "5.1",
                "DialStatus", "ANSWER"));
        tracker.accept(ev("VarSet", "Channel", "none", "Uniqueid", "none", "Variable", "G", "Value", "v"));
        tracker.accept(ev("Cdr", "UniqueID", "5.1"));
        assertThat(tracker.activeCalls()).isZero();
        assertThat(records).isEmpty();
    }

    @Test
    void theDeskVariableSetByTheDialplanIsReported() {
        tracker.accept(ev("NewChannel", chan("100.1")));
        tracker.accept(ev("VarSet", chan("100.1", "Variable", "OTHER", "Value", "x")));
        tracker.accept(ev("VarSet", chan("100.1", "Variable", CallTracker.DESK_VARIABLE, "Value", " portal ")));
        tracker.accept(ev("Hangup", chan("100.1")));
        assertThat(records).singleElement().satisfies(r -> {
            assertThat(r.deskHint()).isEqualTo("portal");
            assertThat(r.outcome()).isEqualTo(CallOutcome.CLOSED);
        });
    }
}
