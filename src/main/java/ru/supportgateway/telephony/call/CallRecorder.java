package ru.supportgateway.telephony.call;

import static ru.supportgateway.telephony.Sql.ts;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import ru.supportgateway.desk.Desk;
import ru.supportgateway.telephony.DeskResolver;
import ru.supportgateway.telephony.TelephonyProperties;
import ru.supportgateway.telephony.callback.CallbackOffer;
import ru.supportgateway.telephony.callback.CallbackQueue;
import ru.supportgateway.telephony.voicemail.Voicemail;
import ru.supportgateway.telephony.voicemail.VoicemailSpool;

/**
 * Where finished calls go: one {@code call} row per Linkedid, then by outcome —
 * ANSWERED: nothing more, the row is the answering operator's request draft;
 * VOICEMAIL: a call-back entry with the recording from the spool;
 * ABANDONED: a call-back entry if the desk calls back callers who waited at least its threshold;
 * any unanswered call from a number whose call-back is open: a repeat on that entry.
 * <p>
 * The row goes in with ON CONFLICT (linkedid) DO NOTHING: with several gateway nodes on one Asterisk each
 * reports the call, the database keeps the first, and only that node files the call-back.
 */
@Service
public class CallRecorder implements CallOutcomeSink {

    private static final Logger log = LoggerFactory.getLogger(CallRecorder.class);

    private final JdbcClient jdbc;
    private final Clock clock;
    private final DeskResolver deskResolver;
    private final CallbackQueue callbacks;
    private final VoicemailSpool spool;
    private final Pattern operatorInterface;

    public CallRecorder(JdbcClient jdbc, Clock clock, DeskResolver deskResolver, CallbackQueue callbacks,
                        TelephonyProperties settings) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.deskResolver = deskResolver;
        this.callbacks = callbacks;
        this.spool = new VoicemailSpool(settings.voicemailSpool());
        this.operatorInterface = interfacePattern(settings.operatorChannel());
    }

    @Override
    @Transactional
    public void accept(CallRecord call) {
        Optional<Desk> desk = deskResolver.forCall(call);
        if (desk.isEmpty()) {
            log.warn("call {} on line {} (queue {}) matches no desk; recorded without desk, no call-back",
                    call.linkedid(), call.line(), call.queue());
        }
        String operator = call.outcome() == CallOutcome.ANSWERED ? operatorOf(call.operatorInterface()).orElse(null) : null;
        Optional<Long> callId = jdbc.sql("""
                INSERT INTO call (linkedid, desk_id, outcome, line, queue, caller_number, caller_number_raw, caller_name,
                    started_at, ended_at, wait_seconds, talk_seconds, operator_interface, operator_name,
                    operator_username, voicemail_msg_id, created_at)
                VALUES (:linkedid, :desk, :outcome, :line, :queue, :number, :raw, :name, :started, :ended, :wait, :talk,
                    :iface, :opName, :op, :msgId, :now)
                ON CONFLICT (linkedid) DO NOTHING
                RETURNING id""")
                .param("linkedid", call.linkedid()).param("desk", desk.map(Desk::id).orElse(null))
                .param("outcome", call.outcome().name()).param("line", call.line()).param("queue", call.queue())
                .param("number", call.callerNumber()).param("raw", call.callerNumberRaw())
                .param("name", call.callerName()).param("started", ts(call.startedAt()))
                .param("ended", ts(call.endedAt())).param("wait", call.waitSeconds()).param("talk", call.talkSeconds())
                .param("iface", call.operatorInterface()).param("opName", call.operatorName()).param("op", operator)
                .param("msgId", call.voicemail() == null ? null : call.voicemail().msgId())
                .param("now", ts(clock.instant()))
                .query(Long.class).optional();
        if (callId.isEmpty()) {
            log.info("call {} is already recorded (another gateway node or a repeated report)", call.linkedid());
            return;
        }
        if (desk.isEmpty() || call.outcome() == CallOutcome.ANSWERED) {
            return;
        }
        Desk d = desk.get();
        switch (call.outcome()) {
            case VOICEMAIL -> {
                Voicemail vm = voicemail(call);
                callbacks.offer(new CallbackOffer(d, CallOutcome.VOICEMAIL, true, call.callerNumber(), call.callerName(),
                        vm.recordedAt() != null ? vm.recordedAt() : call.endedAt(), callId.get(), call.startedAt(),
                        call.waitSeconds(), vm));
            }
            case ABANDONED -> {
                long waited = waitedSeconds(call);
                Desk.PhoneSettings phone = d.phone().orElseThrow();
                boolean callBack = phone.callbackOnAbandon() && call.callerNumber() != null
                        && Duration.ofSeconds(waited).compareTo(phone.abandonThreshold()) >= 0;
                callbacks.offer(new CallbackOffer(d, CallOutcome.ABANDONED, callBack, call.callerNumber(),
                        call.callerName(), call.endedAt(), callId.get(), call.startedAt(), waited, null));
            }
            default -> callbacks.offer(new CallbackOffer(d, CallOutcome.CLOSED, false, call.callerNumber(),
                    call.callerName(), call.endedAt(), callId.get(), call.startedAt(), null, null));
        }
    }

    /**
     * The wait in the queue; when the queue's own figure was lost (link down before the caller left), the
     * time until the last event seen, which is never more than the real wait.
     */
    private static long waitedSeconds(CallRecord call) {
        if (call.waitSeconds() != null) {
            return call.waitSeconds();
        }
        return Math.max(0, Duration.between(call.startedAt(), call.endedAt()).toSeconds());
    }

    /** The message from the spool; what the event said when the spool cannot be read (audio then missing). */
    private Voicemail voicemail(CallRecord call) {
        VoicemailInfo info = call.voicemail();
        Optional<Voicemail> fromSpool = spool.read(info.messageFile())
                .filter(v -> info.msgId() == null || info.msgId().equals(v.msgId()));
        if (fromSpool.isPresent()) {
            return fromSpool.get();
        }
        log.warn("voicemail {} of call {} not readable in spool {} (file {}); filed without recording",
                info.msgId(), call.linkedid(), spool.root(), info.messageFile());
        String msgId = info.msgId() != null ? info.msgId() : "call-" + call.linkedid();
        return new Voicemail(msgId, call.endedAt(), call.callerNumberRaw(), call.callerName(), info.durationSeconds(),
                null, null);
    }

    /** The operator whose extension the answering queue member interface dials. */
    private Optional<String> operatorOf(String iface) {
        if (iface == null) {
            return Optional.empty();
        }
        Matcher m = operatorInterface.matcher(iface);
        if (!m.matches()) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT username FROM operator WHERE extension = ?").param(m.group(1))
                .query(String.class).optional();
    }

    /** {@code Local/{ext}@agents/n} → a pattern capturing the extension of a queue member interface. */
    static Pattern interfacePattern(String channelTemplate) {
        int at = channelTemplate.indexOf("{ext}");
        return Pattern.compile(Pattern.quote(channelTemplate.substring(0, at)) + "([^/@;]+)"
                + Pattern.quote(channelTemplate.substring(at + "{ext}".length())), Pattern.CASE_INSENSITIVE);
    }
}
