package ru.supportgateway.telephony;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import ru.supportgateway.telephony.ami.AmiHealth;
import ru.supportgateway.telephony.call.CallRecordRetry;

/**
 * {@code asterisk} in {@code /actuator/health}: UP when logged in; DOWN (not reachable, retrying);
 * LOGIN_REFUSED (reachable, wrong user or secret, retrying); UNKNOWN while starting or when telephony is
 * not configured. The message says why; the secret never appears. Details include the finished calls waiting
 * in memory for the database ({@code callRecordsPending}, also the gauge
 * {@code gateway.telephony.call.records.pending}).
 */
@Component("asterisk")
public class AsteriskHealthIndicator implements HealthIndicator {

    public static final Status LOGIN_REFUSED = new Status("LOGIN_REFUSED", "Asterisk refused the AMI login");

    private final AsteriskTelephony telephony;
    private final TelephonyProperties settings;
    private final CallRecordRetry records;

    public AsteriskHealthIndicator(AsteriskTelephony telephony, TelephonyProperties settings, CallRecordRetry records,
                                   ObjectProvider<MeterRegistry> meters) {
        this.telephony = telephony;
        this.settings = settings;
        this.records = records;
        meters.ifAvailable(m -> {
            Gauge.builder("gateway.telephony.call.records.pending", records, CallRecordRetry::pending)
                    .description("Finished calls kept in memory until the database takes them").register(m);
            Gauge.builder("gateway.telephony.call.records.dropped", records, CallRecordRetry::dropped)
                    .description("Finished calls dropped because too many waited for the database").register(m);
        });
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
                // calls that ended while the database was away, waiting in memory to be written
                .withDetail("callRecordsPending", records.pending())
                .withDetail("callRecordsDropped", records.dropped())
                .build();
    }
}
