package ru.supportgateway.telephony.call;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ru.supportgateway.telephony.PhoneNumbers;
import ru.supportgateway.telephony.ami.AmiEvent;

/**
 * Follows inbound calls through AMI events and reports one {@link CallRecord} per call.
 * <p>
 * Events are grouped by {@code Linkedid} (the uniqueid of the call's first channel, shared by
 * every channel the call creates). A call counts as inbound when one of its channels is seen in one
 * of the inbound contexts; operator call-backs and other calls are tracked the same way but dropped.
 * The call ends when the last channel seen for the Linkedid hangs up. Events carry no timestamp
 * (manager.conf {@code timestampevents = no}), so times are taken from the clock on arrival.
 * <p>
 * Pure logic: feed it events with {@link #accept(AmiEvent)} (e.g. as an AmiLink listener).
 */
public final class CallTracker implements Consumer<AmiEvent> {

    private static final Logger log = LoggerFactory.getLogger(CallTracker.class);
    /**
     * Channel variable the dialplan sets to the desk id ({@code Set(GATEWAY_DESK=sc)}) for calls that may
     * never reach a queue or voicemail box; read from its {@code VarSet} event.
     */
    public static final String DESK_VARIABLE = "GATEWAY_DESK";
    private static final int REMEMBERED_FINISHED = 1000;

    private final CallOutcomeSink sink;
    private final Clock clock;
    private final Set<String> inboundContexts;
    private final Map<String, Call> calls = new HashMap<>();
    /** Linkedids already reported; events arriving after the report (Cdr, late Hangup) are ignored. */
    private final Map<String, Boolean> finished = new LinkedHashMap<>(64, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED_FINISHED;
        }
    };

    public CallTracker(CallOutcomeSink sink, Clock clock, Set<String> inboundContexts) {
        this.sink = sink;
        this.clock = clock;
        this.inboundContexts = Set.copyOf(inboundContexts);
    }

    @Override
    public synchronized void accept(AmiEvent event) {
        try {
            handle(event);
        } catch (RuntimeException e) {
            // a malformed event must not break tracking of other calls
            log.warn("skipping AMI event {} that could not be applied: {}", event.name(), e.toString());
        }
    }

    /** Calls currently in progress (for diagnostics). */
    public synchronized int activeCalls() {
        return calls.size();
    }

    /**
     * Reports calls that saw no event for {@code idle}: their hangup was lost (AMI link down,
     * event filters). Call this periodically; the outcome is decided from what was seen.
     */
    public synchronized List<CallRecord> expireIdle(Duration idle) {
        Instant limit = clock.instant().minus(idle);
        List<CallRecord> expired = new ArrayList<>();
        for (Call call : List.copyOf(calls.values())) {
            if (call.lastEventAt.isBefore(limit)) {
                finish(call, call.lastEventAt).ifPresent(expired::add);
            }
        }
        return expired;
    }

    private void handle(AmiEvent e) {
        if (e.is("Dial") || e.is("DialBegin") || e.is("DialEnd") || e.is("DialState")) {
            if (e.get("Channel").isEmpty()) {
                return; // originate/call-file artefact: no calling channel, nothing to attribute
            }
        }
        Optional<String> linkedid = e.get("Linkedid");
        Optional<String> uniqueid = e.get("Uniqueid");
        if (linkedid.isEmpty() || uniqueid.isEmpty()) {
            return; // Cdr, DeviceStateChange, global VarSet, ...: not about one call
        }
        if (finished.containsKey(linkedid.get())) {
            return;
        }
        Instant now = clock.instant();
        Call call = calls.computeIfAbsent(linkedid.get(), id -> new Call(id, now));
        call.lastEventAt = now;

        if (e.is("Hangup")) {
            call.alive.remove(uniqueid.get());
            call.hungUp.add(uniqueid.get());
            if (call.alive.isEmpty()) {
                finish(call, now);
            }
            return;
        }
        if (!call.hungUp.contains(uniqueid.get())) {
            call.alive.add(uniqueid.get());
        }
        e.get("Context").filter(inboundContexts::contains).ifPresent(ctx -> {
            call.inbound = true;
            if (call.line == null && !e.get("Exten").orElse("h").equals("h")) {
                call.line = e.getOrEmpty("Exten");
            }
            e.get("CallerIDNum").ifPresent(n -> call.callerNum = n);
            e.get("CallerIDName").ifPresent(n -> call.callerName = n);
        });

        switch (e.lowerName()) {
            case "queuecallerjoin" -> call.queue = e.get("Queue").orElse(call.queue);
            case "varset" -> {
                if (e.getOrEmpty("Variable").equalsIgnoreCase(DESK_VARIABLE)) {
                    e.get("Value").ifPresent(v -> call.deskHint = v.strip());
                }
            }
            case "queuecallerabandon" -> {
                // also raised when Queue() times out (quirk 2); then a SupportVoicemail usually
                // follows and the call becomes VOICEMAIL, otherwise it stays ABANDONED
                call.abandoned = true;
                call.waitSeconds = e.getLong("HoldTime").orElse(call.waitSeconds);
            }
            case "agentconnect" -> {
                call.answered = true;
                call.operatorInterface = e.get("Interface").orElse(null);
                call.operatorName = e.get("MemberName").orElse(call.operatorInterface);
                call.waitSeconds = e.getLong("HoldTime").orElse(call.waitSeconds);
                call.queue = e.get("Queue").orElse(call.queue);
            }
            case "agentcomplete" -> {
                call.talkSeconds = e.getLong("TalkTime").orElse(call.talkSeconds);
                call.operatorName = e.get("MemberName").orElse(call.operatorName);
            }
            case "supportvoicemail" -> {
                call.inbound = true; // the event is raised by the support line's dialplan only
                call.voicemail = new VoicemailInfo(e.get("Mailbox").orElse(null), e.get("Reason").orElse(null),
                        e.get("MsgId").orElse(null), e.getLong("Duration").map(Long::intValue).orElse(null),
                        e.get("MessageFile").orElse(null));
                e.get("VmCallerNum").ifPresent(n -> call.callerNum = n);
                e.get("VmCallerName").ifPresent(n -> call.callerName = n);
                // Raised in the h extension, i.e. after the caller hung up. With event filters (04)
                // no Hangup arrives at all, so the call ends here unless other channels are still up.
                if (e.getOrEmpty("Exten").equals("h") && call.alive.equals(Set.of(uniqueid.get()))) {
                    finish(call, now);
                }
            }
            default -> {
                // other events only keep the channel bookkeeping above up to date
            }
        }
    }

    private Optional<CallRecord> finish(Call call, Instant endedAt) {
        calls.remove(call.linkedid);
        finished.put(call.linkedid, Boolean.TRUE);
        if (!call.inbound) {
            return Optional.empty();
        }
        CallRecord record = new CallRecord(call.linkedid, call.line, call.queue,
                PhoneNumbers.normalize(call.callerNum).orElse(null), call.callerNum, call.callerName,
                call.startedAt, endedAt, call.outcome(),
                call.answered ? call.operatorInterface : null, call.answered ? call.operatorName : null,
                call.waitSeconds, call.answered ? call.talkSeconds : null, call.voicemail, call.deskHint);
        log.info("call {} from {} ended: {}", record.linkedid(), record.callerNumberRaw(), record.outcome());
        try {
            sink.accept(record);
        } catch (RuntimeException ex) {
            log.error("call outcome sink failed for {}", record, ex);
        }
        return Optional.of(record);
    }

    /** Mutable state of one call; only touched under the tracker's lock. */
    private static final class Call {
        final String linkedid;
        final Instant startedAt;
        final Set<String> alive = new HashSet<>();
        final Set<String> hungUp = new HashSet<>();
        Instant lastEventAt;
        boolean inbound;
        String line;
        String callerNum;
        String callerName;
        String queue;
        boolean abandoned;
        boolean answered;
        String operatorInterface;
        String operatorName;
        Long waitSeconds;
        Long talkSeconds;
        VoicemailInfo voicemail;
        String deskHint;

        Call(String linkedid, Instant startedAt) {
            this.linkedid = linkedid;
            this.startedAt = startedAt;
            this.lastEventAt = startedAt;
        }

        CallOutcome outcome() {
            if (voicemail != null) {
                return CallOutcome.VOICEMAIL;
            }
            if (answered) {
                return CallOutcome.ANSWERED;
            }
            if (abandoned || queue != null) {
                // includes a queue timeout where the caller hung up before leaving a message
                return CallOutcome.ABANDONED;
            }
            return CallOutcome.CLOSED;
        }
    }
}
