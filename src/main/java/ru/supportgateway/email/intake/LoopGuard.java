package ru.supportgateway.email.intake;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.springframework.stereotype.Component;

import ru.supportgateway.email.AutoMailDetector;
import ru.supportgateway.email.AutoMailReason;
import ru.supportgateway.email.AutoMailVerdict;

/**
 * Pipeline step 4: is the mail automatic? Automatic mail never gets an acknowledgement (no mail loops).
 * It is still kept, and registered when it may be a real request (an auto-replied or bulk mail can
 * carry one); bounces and our own mail coming back are not requests and are ignored unless they thread
 * into a request, where operators see them.
 */
@Component("intakeLoopGuard")
public class LoopGuard {

    /** Robots that never write requests. */
    static final Set<AutoMailReason> NOT_A_REQUEST = EnumSet.of(AutoMailReason.OWN_GATEWAY_MAIL,
            AutoMailReason.OWN_ADDRESS, AutoMailReason.DELIVERY_STATUS_NOTIFICATION, AutoMailReason.BOUNCE_ENVELOPE,
            AutoMailReason.SYSTEM_SENDER);

    private final AutoMailDetector detector;

    public LoopGuard(AutoMailDetector detector) {
        this.detector = detector;
    }

    public List<Intake> check(List<Intake> batch) {
        return batch.stream().map(this::check).toList();
    }

    private Intake check(Intake in) {
        if (in.settled()) {
            return in;
        }
        return in.withVerdict(detector.detect(in.mail()));
    }

    static boolean notARequest(AutoMailVerdict v) {
        return v != null && v.automatic() && NOT_A_REQUEST.contains(v.reason());
    }
}
