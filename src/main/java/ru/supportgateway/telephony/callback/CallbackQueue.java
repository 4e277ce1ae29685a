package ru.supportgateway.telephony.callback;

import static ru.supportgateway.telephony.Sql.instant;
import static ru.supportgateway.telephony.Sql.integer;
import static ru.supportgateway.telephony.Sql.longOrNull;
import static ru.supportgateway.telephony.Sql.ts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import ru.supportgateway.desk.Desk;
import ru.supportgateway.telephony.call.CallOutcome;
import ru.supportgateway.telephony.callback.CallbackEntry.Reason;
import ru.supportgateway.telephony.callback.CallbackEntry.Status;
import ru.supportgateway.telephony.voicemail.Voicemail;

/**
 * The call-back queue in PostgreSQL: new entries from missed calls and voicemails, repeats, and reading.
 * <p>
 * Exactly-once with several gateway nodes rests on the database: a voicemail is unique per desk and msg_id
 * (in an entry or in a repeat), and a number has at most one open entry per desk (partial unique index).
 * An insert that loses to another node's does nothing, and the offer is looked at again: it then finds the
 * other node's row and becomes a no-op or a repeat.
 */
@Service
public class CallbackQueue {

    private static final Logger log = LoggerFactory.getLogger(CallbackQueue.class);
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm");

    static final String COLUMNS = """
            id, desk_id, caller_number, caller_name, reason, created_at, due_at, status, taken_by, attempts,
            repeat_count, voicemail_msg_id, voicemail_at, duration_seconds, recording IS NOT NULL AS has_recording,
            call_id, request_id, notified_email, closed_at
            """;

    static final RowMapper<CallbackEntry> ENTRY = CallbackQueue::entry;

    private final JdbcClient jdbc;
    private final Clock clock;

    public CallbackQueue(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** A repeat call noted on an entry. */
    public record Repeat(long id, Instant at, CallOutcome outcome, String voicemailMsgId, Integer durationSeconds,
                         boolean hasRecording, String note) {
    }

    /** Audio bytes and their MIME type. */
    public record Recording(byte[] bytes, String contentType) {
    }

    /**
     * Files a missed call or voicemail: a new entry, a repeat of the caller's open entry, or nothing when
     * this voicemail is already known (e.g. found after a reconnect and then reported by its event too).
     *
     * @return the entry it was filed under, empty when it created nothing and there was nothing to add to
     */
    @Transactional
    public Optional<Long> offer(CallbackOffer o) {
        return offer(o, true);
    }

    private Optional<Long> offer(CallbackOffer o, boolean mayRetry) {
        String desk = o.desk().id();
        Voicemail vm = o.voicemail();
        if (vm != null) {
            Optional<Long> known = jdbc.sql("SELECT id FROM callback WHERE desk_id = ? AND voicemail_msg_id = ?")
                    .params(desk, vm.msgId()).query(Long.class).optional();
            if (known.isPresent()) {
                linkCall(known.get(), o.callId());
                return known;
            }
            Optional<Long> repeatOf = jdbc.sql("SELECT callback_id FROM callback_repeat WHERE desk_id = ? AND voicemail_msg_id = ?")
                    .params(desk, vm.msgId()).query(Long.class).optional();
            if (repeatOf.isPresent()) {
                if (o.callId() != null) {
                    jdbc.sql("UPDATE callback_repeat SET call_id = ? WHERE desk_id = ? AND voicemail_msg_id = ? AND call_id IS NULL")
                            .params(o.callId(), desk, vm.msgId()).update();
                }
                return repeatOf;
            }
        }
        if (o.callerNumber() != null) {
            Optional<CallbackEntry> open = jdbc.sql("SELECT " + COLUMNS + """
                     FROM callback WHERE desk_id = ? AND caller_number = ? AND status IN ('OPEN', 'IN_PROGRESS')
                     FOR UPDATE""").params(desk, o.callerNumber()).query(ENTRY).optional();
            if (open.isPresent()) {
                CallbackEntry e = open.get();
                if (isTheCallBehind(e, o)) {
                    linkCall(e.id(), o.callId());
                    return Optional.of(e.id());
                }
                addRepeat(e, o);
                return Optional.of(e.id());
            }
        }
        if (!o.createsEntry()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Instant due = o.desk().calendar().nextOpening(o.at());
        Optional<Long> id = jdbc.sql("""
                INSERT INTO callback (desk_id, caller_number, caller_name, reason, created_at, due_at, status,
                    voicemail_msg_id, voicemail_at, duration_seconds, recording, recording_type, call_id, updated_at)
                VALUES (:desk, :number, :name, :reason, :createdAt, :due, 'OPEN',
                    :msgId, :vmAt, :duration, :audio, :audioType, :callId, :now)
                ON CONFLICT DO NOTHING
                RETURNING id""")
                .param("desk", desk).param("number", o.callerNumber()).param("name", o.callerName())
                .param("reason", (o.outcome() == CallOutcome.VOICEMAIL ? Reason.VOICEMAIL : Reason.ABANDONED).name())
                .param("createdAt", ts(o.at())).param("due", ts(due))
                .param("msgId", vm == null ? null : vm.msgId())
                .param("vmAt", ts(vm == null ? null : vm.recordedAt()))
                .param("duration", vm == null ? null : vm.durationSeconds())
                .param("audio", vm == null ? null : vm.audio())
                .param("audioType", vm == null ? null : vm.audioType())
                .param("callId", o.callId()).param("now", ts(now))
                .query(Long.class).optional();
        if (id.isPresent()) {
            log.info("call-back {} for desk {}: {} from {}, due {}", id.get(), desk, o.outcome(), o.callerNumber(), due);
            return id;
        }
        // another node filed the same voicemail or an open entry for this number meanwhile
        if (!mayRetry) {
            throw new IllegalStateException("call-back offer conflicts twice: " + o.desk().id() + " " + o.callerNumber());
        }
        return offer(o, false);
    }

    /**
     * A call whose end was not seen (the AMI link was down) and whose voicemail reached the queue another way
     * (reconciliation) is the call behind that entry, not a repeat.
     */
    private static boolean isTheCallBehind(CallbackEntry e, CallbackOffer o) {
        return o.voicemail() == null && o.callId() != null && e.callId() == null && e.reason() == Reason.VOICEMAIL
                && e.voicemailAt() != null && o.callStartedAt() != null
                && !e.voicemailAt().isBefore(o.callStartedAt().minusSeconds(1));
    }

    private void linkCall(long callbackId, Long callId) {
        if (callId != null) {
            jdbc.sql("UPDATE callback SET call_id = ? WHERE id = ? AND call_id IS NULL").params(callId, callbackId).update();
        }
    }

    private void addRepeat(CallbackEntry e, CallbackOffer o) {
        Voicemail vm = o.voicemail();
        String note = repeatNote(o, o.desk().zone());
        int rows = jdbc.sql("""
                INSERT INTO callback_repeat (callback_id, desk_id, at, outcome, call_id, voicemail_msg_id,
                    duration_seconds, recording, recording_type, note)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""")
                .params(e.id(), o.desk().id(), ts(o.at()), o.outcome().name(), o.callId(),
                        vm == null ? null : vm.msgId(), vm == null ? null : vm.durationSeconds(),
                        vm == null ? null : vm.audio(), vm == null ? null : vm.audioType(), note)
                .update();
        if (rows == 1) {
            jdbc.sql("UPDATE callback SET repeat_count = repeat_count + 1, updated_at = ? WHERE id = ?")
                    .params(ts(clock.instant()), e.id()).update();
            log.info("call-back {}: repeat call from {} ({})", e.id(), o.callerNumber(), o.outcome());
        }
    }

    static String repeatNote(CallbackOffer o, ZoneId zone) {
        String when = WHEN.format(o.at().atZone(zone));
        return switch (o.outcome()) {
            case VOICEMAIL -> "Повторный звонок " + when + ": оставлено голосовое сообщение"
                    + (o.voicemail().durationSeconds() == null ? "" : " (" + o.voicemail().durationSeconds() + " с)");
            case ABANDONED -> "Повторный звонок " + when + ": не дождался ответа оператора"
                    + (o.waitSeconds() == null ? "" : " (ожидание " + o.waitSeconds() + " с)");
            default -> "Повторный звонок " + when + ": сообщение не оставлено";
        };
    }

    /** Whether a voicemail of this desk is already filed (as an entry or a repeat). */
    public boolean knowsVoicemail(String deskId, String msgId) {
        return jdbc.sql("""
                SELECT EXISTS (SELECT 1 FROM callback WHERE desk_id = :d AND voicemail_msg_id = :m)
                    OR EXISTS (SELECT 1 FROM callback_repeat WHERE desk_id = :d AND voicemail_msg_id = :m)""")
                .param("d", deskId).param("m", msgId).query(Boolean.class).single();
    }

    // ------------------------------------------------------------------ reading

    public Optional<CallbackEntry> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM callback WHERE id = ?").param(id).query(ENTRY).optional();
    }

    /** Open entries of these desks, the most urgent first: by due time, then the oldest. */
    public List<CallbackEntry> open(Collection<String> deskIds) {
        if (deskIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT " + COLUMNS + """
                 FROM callback WHERE desk_id IN (:desks) AND status IN ('OPEN', 'IN_PROGRESS')
                 ORDER BY due_at, created_at, id""").param("desks", deskIds).query(ENTRY).list();
    }

    /** The call-backs that led to a request (REACHED registers it), for its page: the voicemails behind it. */
    public List<CallbackEntry> ofRequest(long requestId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM callback WHERE request_id = ? ORDER BY created_at, id")
                .param(requestId).query(ENTRY).list();
    }

    public List<Repeat> repeats(long callbackId) {
        return jdbc.sql("""
                SELECT id, at, outcome, voicemail_msg_id, duration_seconds, recording IS NOT NULL AS has_recording, note
                FROM callback_repeat WHERE callback_id = ? ORDER BY at, id""").param(callbackId)
                .query((rs, n) -> new Repeat(rs.getLong("id"), instant(rs, "at"), CallOutcome.valueOf(rs.getString("outcome")),
                        rs.getString("voicemail_msg_id"), integer(rs, "duration_seconds"), rs.getBoolean("has_recording"),
                        rs.getString("note")))
                .list();
    }

    public Optional<Recording> recording(long callbackId) {
        return jdbc.sql("SELECT recording, recording_type FROM callback WHERE id = ? AND recording IS NOT NULL")
                .param(callbackId)
                .query((rs, n) -> new Recording(rs.getBytes("recording"), rs.getString("recording_type"))).optional();
    }

    public Optional<Recording> repeatRecording(long callbackId, long repeatId) {
        return jdbc.sql("""
                SELECT recording, recording_type FROM callback_repeat
                WHERE callback_id = ? AND id = ? AND recording IS NOT NULL""").params(callbackId, repeatId)
                .query((rs, n) -> new Recording(rs.getBytes("recording"), rs.getString("recording_type"))).optional();
    }

    private static CallbackEntry entry(ResultSet rs, int n) throws SQLException {
        return new CallbackEntry(rs.getLong("id"), rs.getString("desk_id"), rs.getString("caller_number"),
                rs.getString("caller_name"), Reason.valueOf(rs.getString("reason")), instant(rs, "created_at"),
                instant(rs, "due_at"), Status.valueOf(rs.getString("status")), rs.getString("taken_by"),
                rs.getInt("attempts"), rs.getInt("repeat_count"), rs.getString("voicemail_msg_id"),
                instant(rs, "voicemail_at"), integer(rs, "duration_seconds"), rs.getBoolean("has_recording"),
                longOrNull(rs, "call_id"), longOrNull(rs, "request_id"), rs.getString("notified_email"),
                instant(rs, "closed_at"));
    }
}
