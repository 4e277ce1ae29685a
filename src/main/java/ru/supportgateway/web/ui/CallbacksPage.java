package ru.supportgateway.web.ui;

import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import ru.supportgateway.desk.Desk;
import ru.supportgateway.desk.Desks;
import ru.supportgateway.journal.JournalRequest;
import ru.supportgateway.journal.RequestType;
import ru.supportgateway.operator.DeskAccess;
import ru.supportgateway.operator.Operator;
import ru.supportgateway.operator.Role;
import ru.supportgateway.telephony.callback.CallbackAttempts;
import ru.supportgateway.telephony.callback.CallbackEntry;
import ru.supportgateway.telephony.callback.CallbackQueue;
import ru.supportgateway.telephony.callback.CallbackWork;

/**
 * The call-back queue (обратные звонки) of the operator's desks, most urgent first: the caller's number, their
 * earlier requests, the voicemail to listen to (from {@code /api/callbacks/{id}/recording}), "Позвонить" and
 * the outcome — "Дозвонились" registers a request from the call. The rules are the telephony package's
 * ({@link CallbackWork}); this page only checks the desk and shows the result.
 */
@Controller
class CallbacksPage {

    private final CallbackQueue queue;
    private final CallbackWork work;
    private final DeskAccess access;
    private final Desks desks;
    private final CallbackAttempts attempts;

    CallbacksPage(CallbackQueue queue, CallbackWork work, DeskAccess access, Desks desks, CallbackAttempts attempts) {
        this.attempts = attempts;
        this.queue = queue;
        this.work = work;
        this.access = access;
        this.desks = desks;
    }

    @GetMapping("/callbacks")
    String list(Principal principal, Model model) {
        List<CallbackEntry> entries = queue.open(visibleDesks(access.current(principal)));
        model.addAttribute("entries", entries);
        model.addAttribute("earlier", earlier(entries));
        model.addAttribute("attemptLog", attemptLog(entries));
        model.addAttribute("outcomes", CallbackAttempts.Outcome.values());
        model.addAttribute("types", RequestType.values());
        model.addAttribute("liveUrl", "/callbacks/live?since=" + entries.stream().mapToLong(CallbackEntry::id).max().orElse(0));
        return "callbacks";
    }

    /** Entries that arrived after {@code since}, appended to the open page, and the poller with the new mark. */
    @GetMapping("/callbacks/live")
    String live(Principal principal, @RequestParam long since, Model model) {
        List<CallbackEntry> fresh = queue.open(visibleDesks(access.current(principal))).stream()
                .filter(e -> e.id() > since).toList();
        model.addAttribute("entries", fresh);
        model.addAttribute("earlier", earlier(fresh));
        model.addAttribute("attemptLog", attemptLog(fresh));
        model.addAttribute("outcomes", CallbackAttempts.Outcome.values());
        model.addAttribute("types", RequestType.values());
        model.addAttribute("liveUrl", "/callbacks/live?since=" + fresh.stream().mapToLong(CallbackEntry::id).max().orElse(since));
        return "callbacks :: live";
    }

    @PostMapping("/callbacks/{id}/dial")
    String dial(Principal principal, @PathVariable long id, RedirectAttributes flash) {
        Operator me = check(principal, id);
        return act(flash, () -> "Звоним: сначала зазвонит ваш телефон, затем номер заявителя.",
                () -> work.dial(id, me.username()));
    }

    @PostMapping("/callbacks/{id}/outcome")
    String outcome(Principal principal, @PathVariable long id, @RequestParam CallbackAttempts.Outcome outcome,
                   @RequestParam(required = false) String note, @RequestParam(required = false) RequestType type,
                   @RequestParam(required = false) String subject, @RequestParam(required = false) String description,
                   @RequestParam(required = false) String organisation, @RequestParam(required = false) String person,
                   RedirectAttributes flash) {
        Operator me = check(principal, id);
        CallbackWork.Report report = new CallbackWork.Report(outcome, note, type, subject, description, organisation, person);
        Object[] number = new Object[1];
        String result = act(flash, () -> number[0] == null ? "Результат звонка записан."
                : "Зарегистрировано обращение " + number[0] + ".",
                () -> number[0] = work.report(id, me.username(), report).requestNumber());
        return number[0] != null ? "redirect:/requests/" + number[0] : result;
    }

    private Map<Long, List<JournalRequest>> earlier(List<CallbackEntry> entries) {
        // One search per entry: the queue is short (a desk's missed calls of a day), not the journal.
        Map<Long, List<JournalRequest>> map = new LinkedHashMap<>();
        entries.forEach(e -> map.put(e.id(), work.earlierRequests(e.deskId(), e.callerNumber())));
        return map;
    }

    /** Each entry's dial attempts so far: what Asterisk answered for the operator's and the caller's legs. */
    private Map<Long, List<CallbackAttempts.Attempt>> attemptLog(List<CallbackEntry> entries) {
        Map<Long, List<CallbackAttempts.Attempt>> map = new LinkedHashMap<>();
        entries.forEach(e -> map.put(e.id(), attempts.of(e.id())));
        return map;
    }

    private Set<String> visibleDesks(Operator reader) {
        return reader.role() == Role.ADMIN ? desks.all().stream().map(Desk::id).collect(Collectors.toSet()) : reader.desks();
    }

    private Operator check(Principal principal, long id) {
        CallbackEntry e = queue.find(id).orElseThrow(() -> new PageNotFoundException("Обратный звонок не найден."));
        return access.check(principal, e.deskId());
    }

    private static String act(RedirectAttributes flash, Supplier<String> done, Runnable action) {
        try {
            action.run();
            flash.addFlashAttribute("ok", done.get());
        } catch (CallbackWork.NotPossibleException | CallbackWork.TelephonyOffException
                 | IllegalArgumentException | IllegalStateException e) {
            String message = e.getMessage() == null ? "Действие невозможно" : e.getMessage().split(" / ")[0];
            flash.addFlashAttribute("error", message);
        }
        return "redirect:/callbacks";
    }
}
