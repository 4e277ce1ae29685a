package ru.supportgateway.telephony.web;

import java.security.Principal;
import java.time.Instant;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import ru.supportgateway.journal.JournalRequest;
import ru.supportgateway.operator.DeskAccess;
import ru.supportgateway.operator.Operator;
import ru.supportgateway.telephony.callback.CallbackAttempts;
import ru.supportgateway.telephony.callback.CallbackEntry;
import ru.supportgateway.telephony.callback.CallbackQueue;
import ru.supportgateway.telephony.callback.CallbackWork;

/** The call-back queue for operators: their desks' open entries, dialling, reporting, listening to voicemails. */
@RestController
@RequestMapping("/api/callbacks")
class CallbackApi {

    private final DeskAccess access;
    private final CallbackQueue queue;
    private final CallbackAttempts attempts;
    private final CallbackWork work;

    CallbackApi(DeskAccess access, CallbackQueue queue, CallbackAttempts attempts, CallbackWork work) {
        this.access = access;
        this.queue = queue;
        this.attempts = attempts;
        this.work = work;
    }

    /** An earlier request of the same number, so the operator knows who is calling before dialling. */
    record EarlierRequest(String number, Instant registeredAt, String status, String channel, String subject,
                          String contactEmail) {
        static EarlierRequest of(JournalRequest r) {
            return new EarlierRequest(r.number(), r.registeredAt(), r.status().name(), r.channel().name(), r.subject(),
                    r.contactEmail());
        }
    }

    record RepeatJson(long id, Instant at, String outcome, String note, Integer durationSeconds, String recordingUrl) {
    }

    record CallbackJson(long id, String desk, String callerNumber, String callerName, String reason, Instant createdAt,
                        Instant dueAt, String status, String takenBy, int attempts, int repeatCount,
                        String voicemailMsgId, Instant voicemailAt, Integer durationSeconds, String recordingUrl,
                        Long requestId, String notifiedEmail, List<RepeatJson> repeats,
                        List<CallbackAttempts.Attempt> attemptLog, List<EarlierRequest> earlierRequests) {
    }

    record DialJson(long callbackId, long attemptId, String status) {
    }

    record OutcomeJson(CallbackJson callback, String requestNumber, boolean emailQueued) {
    }

    @GetMapping
    List<CallbackJson> list(Principal principal) {
        Operator reader = access.current(principal);
        return queue.open(access.visibleDesks(reader)).stream().map(this::json).toList();
    }

    @GetMapping("/{id}")
    CallbackJson one(Principal principal, @PathVariable long id) {
        return json(visible(principal, id));
    }

    @GetMapping("/{id}/recording")
    ResponseEntity<byte[]> recording(Principal principal, @PathVariable long id) {
        visible(principal, id);
        CallbackQueue.Recording r = queue.recording(id).orElseThrow(() -> new NotFoundException(
                "У обратного звонка " + id + " нет записи. / No recording."));
        return audio(r);
    }

    @GetMapping("/{id}/repeats/{repeatId}/recording")
    ResponseEntity<byte[]> repeatRecording(Principal principal, @PathVariable long id, @PathVariable long repeatId) {
        visible(principal, id);
        CallbackQueue.Recording r = queue.repeatRecording(id, repeatId).orElseThrow(() -> new NotFoundException(
                "Нет записи повторного звонка " + repeatId + ". / No recording."));
        return audio(r);
    }

    @PostMapping("/{id}/dial")
    ResponseEntity<DialJson> dial(Principal principal, @PathVariable long id) {
        Operator reader = access.current(principal);
        visible(principal, id);
        long attemptId = work.dial(id, reader.username());
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(new DialJson(id, attemptId, "DIALLING"));
    }

    @PostMapping("/{id}/outcome")
    OutcomeJson outcome(Principal principal, @PathVariable long id, @RequestBody CallbackWork.Report report) {
        Operator reader = access.current(principal);
        visible(principal, id);
        CallbackWork.Reported r = work.report(id, reader.username(), report);
        return new OutcomeJson(json(r.entry()), r.requestNumber(), r.emailQueued());
    }

    private CallbackEntry visible(Principal principal, long id) {
        CallbackEntry e = queue.find(id).orElseThrow(() -> new NotFoundException(
                "Обратный звонок " + id + " не найден. / Call-back not found."));
        access.check(principal, e.deskId());
        return e;
    }

    private CallbackJson json(CallbackEntry e) {
        List<RepeatJson> repeats = queue.repeats(e.id()).stream()
                .map(r -> new RepeatJson(r.id(), r.at(), r.outcome().name(), r.note(), r.durationSeconds(),
                        r.hasRecording() ? "/api/callbacks/" + e.id() + "/repeats/" + r.id() + "/recording" : null))
                .toList();
        return new CallbackJson(e.id(), e.deskId(), e.callerNumber(), e.callerName(), e.reason().name(), e.createdAt(),
                e.dueAt(), e.status().name(), e.takenBy(), e.attempts(), e.repeatCount(), e.voicemailMsgId(),
                e.voicemailAt(), e.durationSeconds(), e.hasRecording() ? "/api/callbacks/" + e.id() + "/recording" : null,
                e.requestId(), e.notifiedEmail(), repeats, attempts.of(e.id()),
                work.earlierRequests(e.deskId(), e.callerNumber()).stream().map(EarlierRequest::of).toList());
    }

    private static ResponseEntity<byte[]> audio(CallbackQueue.Recording r) {
        MediaType type = r.contentType() == null ? MediaType.APPLICATION_OCTET_STREAM : MediaType.parseMediaType(r.contentType());
        // personal data: the browser must not keep it in a shared cache
        return ResponseEntity.ok().contentType(type).header("Cache-Control", "private, no-store").body(r.bytes());
    }
}
