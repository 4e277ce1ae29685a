package ru.supportgateway.telephony;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import ru.supportgateway.telephony.ami.AmiHealth;
import ru.supportgateway.telephony.ami.AmiLink;
import ru.supportgateway.telephony.call.CallRecordRetry;
import ru.supportgateway.telephony.call.CallTracker;
import ru.supportgateway.telephony.callback.CallbackAttempts;
import ru.supportgateway.telephony.callback.CallbackDialer;
import ru.supportgateway.telephony.voicemail.VoicemailReconciler;

/**
 * The telephone channel's moving parts, started and stopped with the application: the AMI link, the call
 * tracker and the call-back dialer listening on it, the voicemail reconciliation after each login, and the
 * periodic close of calls whose end was never seen. Finished calls are written through {@link CallRecordRetry},
 * which keeps them while the database is away. Without {@code gateway.asterisk.host} nothing is
 * started and the gateway runs without telephony (said once in the log and in the health endpoint).
 */
@Component
public class AsteriskTelephony implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AsteriskTelephony.class);

    private final TelephonyProperties settings;
    private final AmiLink link;
    private final CallTracker tracker;
    private final CallbackDialer dialer;
    private volatile ScheduledExecutorService expiry;
    private volatile boolean running;

    public AsteriskTelephony(TelephonyProperties settings, Clock clock, CallRecordRetry recorder,
                             CallbackAttempts attempts, VoicemailReconciler reconciler) {
        this.settings = settings;
        if (!settings.configured()) {
            log.info("Telephony is off: gateway.asterisk.host is not set (GATEWAY_ASTERISK_HOST)");
            this.link = null;
            this.tracker = null;
            this.dialer = null;
            return;
        }
        if (settings.secret() == null || settings.secret().isBlank()) {
            log.warn("gateway.asterisk.secret is empty (GATEWAY_ASTERISK_SECRET); Asterisk will refuse the login");
        }
        this.link = new AmiLink(settings.amiSettings(), List.of(reconciler), clock);
        this.tracker = new CallTracker(recorder, clock, java.util.Set.copyOf(settings.inboundContexts()));
        this.dialer = new CallbackDialer(link, settings.dialerSettings(), attempts);
        link.addEventListener(tracker);
        link.addEventListener(dialer);
    }

    public boolean configured() {
        return link != null;
    }

    public Optional<AmiHealth> health() {
        return Optional.ofNullable(link).map(AmiLink::health);
    }

    public Optional<CallbackDialer> dialer() {
        return Optional.ofNullable(dialer);
    }

    /** Closes calls idle for longer than {@code gateway.asterisk.call-idle-timeout} (also run on a timer). */
    public void expireIdleCalls() {
        if (tracker != null) {
            tracker.expireIdle(settings.callIdleTimeout());
        }
    }

    @Override
    public void start() {
        if (link == null || running) {
            return;
        }
        log.info("Telephony on: AMI {}:{} as {}", settings.host(), settings.port(), settings.username());
        link.start();
        ScheduledExecutorService ex = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "call-expiry");
            t.setDaemon(true);
            return t;
        });
        long period = Math.max(1, Math.min(Duration.ofMinutes(1).toMillis(), settings.callIdleTimeout().toMillis() / 4));
        ex.scheduleWithFixedDelay(() -> {
            try {
                expireIdleCalls();
            } catch (RuntimeException e) {
                log.warn("closing idle calls failed", e);
            }
        }, period, period, TimeUnit.MILLISECONDS);
        expiry = ex;
        running = true;
    }

    @Override
    public void stop() {
        if (!running) {
            return;
        }
        running = false;
        expiry.shutdownNow();
        link.stop();
        dialer.close();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** After the web server and database are up, stopped before them: calls need the database. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 1000;
    }
}
