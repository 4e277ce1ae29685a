package ru.supportgateway.telephony.callback;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.action.OriginateAction;
import org.asteriskjava.manager.response.ManagerError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ru.supportgateway.telephony.PhoneNumbers;
import ru.supportgateway.telephony.ami.AmiEvent;
import ru.supportgateway.telephony.ami.AmiLink;
import ru.supportgateway.telephony.callback.CallbackResult.OperatorLeg;

/**
 * Places operator-first call-backs with an asynchronous Originate and reports how they went.
 * <p>
 * The operator's phone is rung first; when answered, the {@code callback-out} context dials the
 * customer. OriginateResponse (matched by ActionID, the only key that also works on failure) only
 * tells about the operator leg; the customer leg's result comes from the {@code SupportCallback}
 * user event (by TicketId) or, without it, from the {@code DialEnd} of the callback-out channel and
 * that channel's Hangup. Register the dialer as an event listener of the {@link AmiLink}.
 */
public final class CallbackDialer implements Consumer<AmiEvent>, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CallbackDialer.class);
    /** Extra time for Asterisk to report the operator leg after its ring timeout. */
    private static final Duration ORIGINATE_GRACE = Duration.ofSeconds(30);

    private final AmiLink link;
    private final CallbackDialerSettings settings;
    private final CallbackResultSink sink;
    private final Map<String, Attempt> byActionId = new ConcurrentHashMap<>();
    private final Map<String, Attempt> byUniqueid = new ConcurrentHashMap<>();
    private final Map<String, Attempt> byTicket = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "callback-dialer-timer");
        t.setDaemon(true);
        return t;
    });

    public CallbackDialer(AmiLink link, CallbackDialerSettings settings, CallbackResultSink sink) {
        this.link = link;
        this.settings = settings;
        this.sink = sink;
    }

    /** Starts a call-back; the future completes (and the sink is called) once the outcome is known. */
    public CompletableFuture<CallbackResult> dial(CallbackRequest request) {
        String number = PhoneNumbers.normalize(request.customerNumber())
                .orElseThrow(() -> new IllegalArgumentException("not a callable number: " + request.customerNumber()));
        String actionId = "callback-" + UUID.randomUUID();
        Attempt attempt = new Attempt(actionId, request.ticketId(), number);
        Optional<ManagerConnection> connection = link.connection();
        if (connection.isEmpty()) {
            complete(attempt, OperatorLeg.FAILED, "AMI link is down: " + link.health().message());
            return attempt.future;
        }
        OriginateAction originate = new OriginateAction();
        originate.setActionId(actionId);
        originate.setChannel(settings.operatorChannelTemplate().replace("{ext}", request.operatorExtension()));
        originate.setContext(settings.context());
        originate.setExten(number);
        originate.setPriority(1);
        originate.setTimeout(settings.operatorRingTimeout().toMillis());
        originate.setCallerId("\"" + settings.callerIdName() + "\" <" + number + ">");
        originate.setAsync(true);
        originate.setVariable("TICKET_ID", request.ticketId());

        byActionId.put(actionId, attempt);
        if (request.ticketId() != null) {
            byTicket.put(request.ticketId(), attempt);
        }
        try {
            connection.get().sendAction(originate, response -> {
                if (response instanceof ManagerError) {
                    complete(attempt, OperatorLeg.FAILED, "Originate rejected: " + response.getMessage());
                }
            });
        } catch (Exception e) {
            complete(attempt, OperatorLeg.FAILED, "Originate not sent: " + e);
            return attempt.future;
        }
        long guardMs = settings.operatorRingTimeout().plus(ORIGINATE_GRACE).toMillis();
        timer.schedule(() -> {
            if (attempt.originateReason == null) {
                complete(attempt, OperatorLeg.FAILED, "no OriginateResponse within " + guardMs + " ms");
            }
        }, guardMs, TimeUnit.MILLISECONDS);
        return attempt.future;
    }

    @Override
    public void accept(AmiEvent e) {
        try {
            switch (e.lowerName()) {
                case "originateresponse" -> onOriginateResponse(e);
                case "dialend" -> onDialEnd(e);
                case "supportcallback" -> onSupportCallback(e);
                case "hangup" -> e.get("Uniqueid").map(byUniqueid::get).ifPresent(a ->
                        complete(a, OperatorLeg.ANSWERED, "call-back channel hung up"));
                default -> {
                    // not ours
                }
            }
        } catch (RuntimeException ex) {
            log.warn("skipping AMI event {} in call-back tracking: {}", e.name(), ex.toString());
        }
    }

    private void onOriginateResponse(AmiEvent e) {
        Attempt a = e.get("ActionID").map(byActionId::get).orElse(null);
        if (a == null) {
            return;
        }
        Integer reason = e.getLong("Reason").map(Long::intValue).orElse(-1);
        synchronized (a) {
            a.originateReason = reason;
        }
        if (e.getOrEmpty("Response").equalsIgnoreCase("Success")) {
            // operator answered; the customer leg runs on this channel in the callback-out context
            e.get("Uniqueid").ifPresent(id -> byUniqueid.put(id, a));
            log.info("call-back {} ticket {}: operator answered, dialling {}", a.actionId, a.ticketId, a.number);
        } else if (reason == 3) {
            complete(a, OperatorLeg.NO_ANSWER, "operator did not answer");
        } else {
            complete(a, OperatorLeg.FAILED, "Originate failed, reason " + reason);
        }
    }

    private void onDialEnd(AmiEvent e) {
        if (e.get("Channel").isEmpty() || !e.getOrEmpty("Context").equals(settings.context())) {
            return; // the operator leg's DialEnd has no Channel; other dials are not call-backs
        }
        Attempt a = e.get("Uniqueid").map(byUniqueid::get).orElse(null);
        if (a != null) {
            synchronized (a) {
                a.customerDialStatus = e.get("DialStatus").orElse(null);
            }
        }
    }

    private void onSupportCallback(AmiEvent e) {
        Attempt a = e.get("TicketId").map(byTicket::get).orElse(null);
        if (a == null) {
            return;
        }
        synchronized (a) {
            e.get("DialStatus").ifPresent(s -> a.customerDialStatus = s);
            a.answeredSeconds = e.getLong("AnsweredTime").orElse(null);
        }
        complete(a, OperatorLeg.ANSWERED, "call-back finished");
    }

    private void complete(Attempt a, OperatorLeg operator, String detail) {
        CallbackResult result;
        synchronized (a) {
            if (a.completed) {
                return;
            }
            a.completed = true;
            result = new CallbackResult(a.actionId, a.ticketId, a.number, operator, a.originateReason,
                    operator == OperatorLeg.ANSWERED ? a.customerDialStatus : null,
                    operator == OperatorLeg.ANSWERED ? a.answeredSeconds : null, detail);
        }
        byActionId.remove(a.actionId);
        byUniqueid.values().remove(a);
        if (a.ticketId != null) {
            byTicket.remove(a.ticketId, a);
        }
        log.info("call-back {} ticket {} to {}: operator {}, customer {} ({})", a.actionId, a.ticketId, a.number,
                operator, result.customerDialStatus(), detail);
        try {
            sink.accept(result); // before the future: whoever waits on it sees the result stored
        } catch (RuntimeException ex) {
            log.error("call-back result sink failed for {}", result, ex);
        }
        a.future.complete(result);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    private static final class Attempt {
        final String actionId;
        final String ticketId;
        final String number;
        final CompletableFuture<CallbackResult> future = new CompletableFuture<>();
        Integer originateReason;
        String customerDialStatus;
        Long answeredSeconds;
        boolean completed;

        Attempt(String actionId, String ticketId, String number) {
            this.actionId = actionId;
            this.ticketId = ticketId;
            this.number = number;
        }
    }
}
