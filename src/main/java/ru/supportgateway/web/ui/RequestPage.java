package ru.supportgateway.web.ui;

import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import ru.supportgateway.email.Replies;
import ru.supportgateway.journal.Approval;
import ru.supportgateway.journal.Approvals;
import ru.supportgateway.journal.Correspondence;
import ru.supportgateway.journal.IllegalStatusMoveException;
import ru.supportgateway.journal.Journal;
import ru.supportgateway.journal.JournalQueries;
import ru.supportgateway.journal.JournalRequest;
import ru.supportgateway.journal.RejectionReason;
import ru.supportgateway.journal.RequestChanges;
import ru.supportgateway.journal.RequestNotFoundException;
import ru.supportgateway.journal.RequestStatus;
import ru.supportgateway.journal.RequestType;
import ru.supportgateway.operator.DeskAccess;
import ru.supportgateway.operator.Operator;
import ru.supportgateway.telephony.callback.CallbackEntry;
import ru.supportgateway.telephony.callback.CallbackQueue;

/**
 * One request: its Form No. 1 fields, correspondence, history, and what an operator does with it. Every
 * handler first passes {@link DeskAccess#check}; the rules (moves, approval, pause, mails) are the journal's
 * and {@link Replies}'; a refused action comes back as a message on the page, nothing half-done.
 */
@Controller
@RequestMapping("/requests/{number}")
class RequestPage {

    private final JournalQueries queries;
    private final Journal journal;
    private final Correspondence correspondence;
    private final Approvals approvals;
    private final Replies replies;
    private final DeskAccess access;
    private final Formats formats;
    private final CallbackQueue callbacks;

    RequestPage(JournalQueries queries, Journal journal, Correspondence correspondence, Approvals approvals,
                Replies replies, DeskAccess access, Formats formats, CallbackQueue callbacks) {
        this.formats = formats;
        this.callbacks = callbacks;
        this.queries = queries;
        this.journal = journal;
        this.correspondence = correspondence;
        this.approvals = approvals;
        this.replies = replies;
        this.access = access;
    }

    /** A status button: where the request may go next, and why it may not yet if so. */
    record Move(RequestStatus status, boolean enabled, String hint) {
    }

    /** A voicemail behind the request (its call-back's, or one left when the caller rang again). */
    record VoicemailItem(java.time.Instant at, String callerNumber, Integer durationSeconds, String recordingUrl) {
    }

    @GetMapping
    String show(Principal principal, @PathVariable String number, Model model) {
        JournalRequest r = find(number);
        Operator me = access.check(principal, r.deskId());
        Optional<Approval> approval = approvals.of(r.id());
        boolean needsApproval = Approvals.needsApproval(r.type());
        List<Move> moves = r.status().next().stream().sorted().map(s ->
                s == RequestStatus.PASSED_TO_DEVELOPER && needsApproval && approval.isEmpty()
                        ? new Move(s, false, "Нужно согласование руководителя")
                        : new Move(s, true, null)).toList();
        model.addAttribute("r", r);
        List<Correspondence.Item> items = correspondence.of(r.id());
        model.addAttribute("items", items);
        // Frame documents made here: Thymeleaf evaluates srcdoc in restricted mode, without bean calls.
        model.addAttribute("mailDocuments", items.stream().filter(i -> i.htmlBody() != null)
                .collect(Collectors.toMap(Correspondence.Item::id, i -> formats.mailDocument(i.htmlBody()))));
        model.addAttribute("voicemails", voicemails(r.id()));
        model.addAttribute("history", queries.history(r.id()));
        model.addAttribute("pausedSince", queries.pausedSince(r.id()).orElse(null));
        model.addAttribute("moves", moves);
        model.addAttribute("approval", approval.orElse(null));
        model.addAttribute("needsApproval", needsApproval);
        model.addAttribute("canApprove", needsApproval && approval.isEmpty()
                && r.status() == RequestStatus.IN_PROGRESS && Approvals.mayApprove(me, r.deskId()));
        model.addAttribute("canReject", (r.status() == RequestStatus.IN_PROGRESS || r.status() == RequestStatus.AWAITING_FEEDBACK)
                && !(needsApproval && approval.isPresent()));
        model.addAttribute("canMail", r.contactEmail() != null);
        model.addAttribute("canAskInfo", r.contactEmail() != null && r.status().canMoveTo(RequestStatus.AWAITING_FEEDBACK));
        model.addAttribute("types", RequestType.values());
        model.addAttribute("reasons", RejectionReason.values());
        model.addAttribute("answerStatuses", Arrays.stream(new RequestStatus[] {RequestStatus.RESOLVED, RequestStatus.CLOSED})
                .filter(r.status()::canMoveTo).toList());
        return "request";
    }

    @PostMapping("/fields")
    String fields(Principal principal, @PathVariable String number, @RequestParam RequestType type,
                  @RequestParam String description, @RequestParam String organisation, @RequestParam String person,
                  @RequestParam String additionalInfo, @RequestParam String note, RedirectAttributes flash) {
        Operator me = check(principal, number);
        // Blank optional fields clear them (RequestChanges' rule); the description stays as typed.
        RequestChanges changes = RequestChanges.none().withType(type).withDescription(description)
                .withOrganisation(organisation).withPerson(person).withAdditionalInfo(additionalInfo).withNote(note);
        return act(number, flash, "Изменения сохранены", () -> journal.updateFields(number, changes, me.username()));
    }

    @PostMapping("/status")
    String status(Principal principal, @PathVariable String number, @RequestParam RequestStatus status,
                  RedirectAttributes flash) {
        Operator me = check(principal, number);
        return act(number, flash, "Статус: " + status.label(),
                () -> journal.moveStatus(number, status, me.username(), null));
    }

    @PostMapping("/reply")
    String reply(Principal principal, @PathVariable String number, @RequestParam String text,
                 @RequestParam(required = false) RequestStatus status, RedirectAttributes flash) {
        Operator me = check(principal, number);
        return act(number, flash, "Ответ отправлен заявителю",
                () -> replies.send(number, me.username(), text, status));
    }

    @PostMapping("/info-request")
    String infoRequest(Principal principal, @PathVariable String number, @RequestParam String text,
                       RedirectAttributes flash) {
        Operator me = check(principal, number);
        return act(number, flash, "Запрос информации отправлен; срок рассмотрения приостановлен",
                () -> replies.askForInformation(number, me.username(), text));
    }

    @PostMapping("/reject")
    String reject(Principal principal, @PathVariable String number, @RequestParam RejectionReason reason,
                  @RequestParam(required = false) String comment, RedirectAttributes flash) {
        Operator me = check(principal, number);
        return act(number, flash, "Обращение отклонено и закрыто",
                () -> replies.reject(number, me.username(), reason, comment));
    }

    @PostMapping("/approve")
    String approve(Principal principal, @PathVariable String number, @RequestParam(required = false) String note,
                   RedirectAttributes flash) {
        Operator me = check(principal, number);
        return act(number, flash, "Согласовано: обращение можно передать разработчику",
                () -> approvals.approve(number, me, note));
    }

    @GetMapping("/attachments/{id}")
    ResponseEntity<byte[]> attachment(Principal principal, @PathVariable String number, @PathVariable long id) {
        JournalRequest r = find(number);
        access.check(principal, r.deskId());
        Correspondence.AttachmentContent a = correspondence.attachment(id)
                .filter(c -> c.requestId() == r.id())
                .orElseThrow(() -> new PageNotFoundException("Вложение не найдено."));
        // Always a download, never rendered in our origin: an HTML or SVG attachment must not run as our page.
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(a.fileName(), StandardCharsets.UTF_8).build().toString())
                .header("X-Content-Type-Options", "nosniff")
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .body(a.content());
    }

    /**
     * Recordings of the call-backs that registered this request, played from the call-back API (which checks
     * the desk again): the operator hears what the parent said without going back to the queue.
     */
    private List<VoicemailItem> voicemails(long requestId) {
        List<VoicemailItem> items = new java.util.ArrayList<>();
        for (CallbackEntry e : callbacks.ofRequest(requestId)) {
            if (e.hasRecording()) {
                items.add(new VoicemailItem(e.voicemailAt() != null ? e.voicemailAt() : e.createdAt(), e.callerNumber(),
                        e.durationSeconds(), "/api/callbacks/" + e.id() + "/recording"));
            }
            for (CallbackQueue.Repeat rep : callbacks.repeats(e.id())) {
                if (rep.hasRecording()) {
                    items.add(new VoicemailItem(rep.at(), e.callerNumber(), rep.durationSeconds(),
                            "/api/callbacks/" + e.id() + "/repeats/" + rep.id() + "/recording"));
                }
            }
        }
        return items;
    }

    private JournalRequest find(String number) {
        return queries.find(number).orElseThrow(() -> new RequestNotFoundException(number));
    }

    private Operator check(Principal principal, String number) {
        return access.check(principal, find(number).deskId());
    }

    /** Runs an action and comes back to the request with its outcome (post/redirect/get: no resend on reload). */
    private static String act(String number, RedirectAttributes flash, String done, Supplier<?> action) {
        try {
            action.get();
            flash.addFlashAttribute("ok", done);
        } catch (IllegalArgumentException | IllegalStateException | IllegalStatusMoveException e) {
            // The rules' own messages are "Russian / English": operators get the Russian half.
            String message = e.getMessage() == null ? "Действие невозможно" : e.getMessage().split(" / ")[0];
            flash.addFlashAttribute("error", message);
        }
        return "redirect:/requests/" + number;
    }
}
