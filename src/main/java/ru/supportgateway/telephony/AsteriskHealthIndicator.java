package ru.supportgateway.telephony;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

import ru.supportgateway.telephony.ami.AmiHealth;

/**
 * {@code asterisk} in {@code /actuator/health}: UP when logged in; DOWN (not reachable, retrying);
 * LOGIN_REFUSED (reachable, wrong user or secret, retrying); UNKNOWN while starting or when telephony is
 * not configured. The message says why; the secret never appears.
 */
@Component("asterisk")
public class AsteriskHealthIndicator implements HealthIndicator {

    public static final Status LOGIN_REFUSED = new Status("LOGIN_REFUSED", "Asterisk refused the AMI login");

    private final AsteriskTelephony telephony;
    private final TelephonyProperties settings;

    public AsteriskHealthIndicator(AsteriskTelephony telephony, TelephonyProperties settings) {
        this.telephony = telephony;
        this.settings = settings;
    }

    @Override
    public Health health() {
        if (!telephony.configured()) {
            return Health.unknown().withDetail("message", "not configured: gateway.asterisk.host is empty, telephony is off")
                    .build();
        }
        AmiHealth h = telephony.health().orElseThrow();
        Status status = switch (h.state()) {
            case UP -> Status.UP;
            case LOGIN_REFUSED -> LOGIN_REFUSED;
            case DOWN, STOPPED -> Status.DOWN;
            case STARTING -> Status.UNKNOWN;
        };
        return Health.status(status)
                .withDetail("state", h.state().name())
                .withDetail("message", h.message())
                .withDetail("since", h.since().toString())
                .withDetail("failedAttempts", h.failedAttempts())
                .withDetail("server", settings.host() + ":" + settings.port())
                .build();
    }
}
