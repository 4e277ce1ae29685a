package ru.supportgateway.telephony.ami;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.asteriskjava.manager.AuthenticationFailedException;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.TimeoutException;
import org.asteriskjava.manager.event.ConnectEvent;
import org.asteriskjava.manager.event.DialEvent;
import org.asteriskjava.manager.event.DisconnectEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.ProtocolIdentifierReceivedEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ru.supportgateway.telephony.ami.event.SupportCallbackEvent;
import ru.supportgateway.telephony.ami.event.SupportVoicemailEvent;
import ru.supportgateway.telephony.ami.event.VoicemailBoxDetailCompleteEvent;
import ru.supportgateway.telephony.ami.event.VoicemailBoxDetailEvent;

/**
 * Keeps one logged-in AMI session to Asterisk alive.
 * <p>
 * Reconnecting is owned here, not by asterisk-java (see {@link SingleShotManagerConnection}):
 * every attempt uses a fresh connection; failures are retried after a delay that starts at
 * {@link AmiSettings#initialBackoff()} and doubles up to {@link AmiSettings#maxBackoff()}; a
 * successful login resets it. Reasons are kept in {@link #health()}. After each login the
 * {@link AmiReconcileHook}s run, because events sent while the link was down are lost.
 * <p>
 * Events reach listeners as {@link AmiEvent}s on asterisk-java's reader thread, in wire order.
 * Events the library cannot map to a class are logged by the library and never reach us.
 */
public final class AmiLink implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AmiLink.class);

    private final AmiSettings settings;
    private final List<AmiReconcileHook> reconcileHooks;
    private final Clock clock;
    private final ScheduledExecutorService executor;
    private final List<Consumer<AmiEvent>> eventListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<AmiHealth>> healthListeners = new CopyOnWriteArrayList<>();

    private volatile AmiHealth health;
    private volatile SingleShotManagerConnection current;
    private volatile boolean running;
    private Duration nextDelay; // only touched on the executor thread
    private int failures;       // only touched on the executor thread

    public AmiLink(AmiSettings settings, List<AmiReconcileHook> reconcileHooks, Clock clock) {
        this.settings = settings;
        this.reconcileHooks = List.copyOf(reconcileHooks);
        this.clock = clock;
        this.nextDelay = settings.initialBackoff();
        this.health = new AmiHealth(AmiHealth.State.STARTING, "not connected yet", clock.instant(), 0);
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ami-link-" + settings.host() + ":" + settings.port());
            t.setDaemon(true);
            return t;
        });
    }

    public void addEventListener(Consumer<AmiEvent> listener) {
        eventListeners.add(listener);
    }

    public void addHealthListener(Consumer<AmiHealth> listener) {
        healthListeners.add(listener);
    }

    public AmiHealth health() {
        return health;
    }

    /** The logged-in connection, if the link is up right now. */
    public Optional<ManagerConnection> connection() {
        SingleShotManagerConnection c = current;
        return c != null && health.isUp() ? Optional.of(c) : Optional.empty();
    }

    public void start() {
        running = true;
        executor.execute(this::attempt);
    }

    /** Logs off (if connected) and stops reconnecting. */
    public void stop() {
        running = false;
        executor.execute(() -> {
            SingleShotManagerConnection c = current;
            current = null;
            if (c != null) {
                try {
                    c.logoff();
                } catch (RuntimeException e) {
                    c.closeQuietly();
                }
            }
            setHealth(AmiHealth.State.STOPPED, "stopped", 0);
        });
        executor.shutdown();
        try {
            if (!executor.awaitTermination(settings.responseTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            executor.shutdownNow();
        }
    }

    @Override
    public void close() {
        stop();
    }

    // ------------------------------------------------------------------ connection loop

    private void attempt() {
        if (!running) {
            return;
        }
        SingleShotManagerConnection c = new SingleShotManagerConnection(this::lost);
        c.setHostname(settings.host());
        c.setPort(settings.port());
        c.setUsername(settings.username());
        c.setPassword(settings.secret());
        c.setDefaultResponseTimeout(settings.responseTimeout().toMillis());
        c.setDefaultEventTimeout(settings.responseTimeout().toMillis());
        c.setSocketTimeout((int) settings.responseTimeout().toMillis());
        c.registerUserEventClass(SupportVoicemailEvent.class);
        c.registerUserEventClass(SupportCallbackEvent.class);
        c.registerUserEventClass(VoicemailBoxDetailEvent.class);
        c.registerUserEventClass(VoicemailBoxDetailCompleteEvent.class);
        c.addEventListener(event -> dispatch(c, event));
        try {
            c.login();
        } catch (AuthenticationFailedException e) {
            c.closeQuietly();
            failed(AmiHealth.State.LOGIN_REFUSED, "Asterisk refused the login for user " + settings.username()
                    + " (" + describe(e) + ")");
            return;
        } catch (IOException | TimeoutException | RuntimeException e) {
            c.closeQuietly();
            failed(AmiHealth.State.DOWN, "cannot connect to " + settings.host() + ":" + settings.port()
                    + " (" + describe(e) + ")");
            return;
        }
        if (!running) {
            c.logoff();
            return;
        }
        current = c;
        failures = 0;
        nextDelay = settings.initialBackoff();
        setHealth(AmiHealth.State.UP, "logged in to " + settings.host() + ":" + settings.port()
                + " as " + settings.username() + ", " + c.getProtocolIdentifier(), 0);
        log.info("AMI link up: {}", health.message());
        for (AmiReconcileHook hook : reconcileHooks) {
            if (current != c) {
                break; // lost again while reconciling; the next login reconciles anyway
            }
            try {
                hook.afterConnect(c);
            } catch (Exception e) {
                log.warn("AMI reconcile hook {} failed: {}", hook, describe(e), e);
            }
        }
    }

    /** Called by the connection's reader thread when an established session ends. */
    private void lost(SingleShotManagerConnection c) {
        executor.execute(() -> {
            if (current != c || !running) {
                return;
            }
            current = null;
            failed(AmiHealth.State.DOWN, "connection to " + settings.host() + ":" + settings.port() + " lost");
        });
    }

    private void failed(AmiHealth.State state, String message) {
        failures++;
        Duration delay = nextDelay;
        nextDelay = nextDelay.multipliedBy(2).compareTo(settings.maxBackoff()) > 0
                ? settings.maxBackoff() : nextDelay.multipliedBy(2);
        setHealth(state, message, failures);
        if (!running) {
            return;
        }
        log.warn("AMI link {}: {}; retry in {} ms", state, message, delay.toMillis());
        try {
            executor.schedule(this::attempt, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // stopping
        }
    }

    private void setHealth(AmiHealth.State state, String message, int failedAttempts) {
        AmiHealth h = new AmiHealth(state, message, clock.instant(), failedAttempts);
        health = h;
        for (Consumer<AmiHealth> l : healthListeners) {
            try {
                l.accept(h);
            } catch (RuntimeException e) {
                log.warn("health listener failed", e);
            }
        }
    }

    private void dispatch(SingleShotManagerConnection c, ManagerEvent event) {
        if (event instanceof ConnectEvent || event instanceof DisconnectEvent
                || event instanceof ProtocolIdentifierReceivedEvent) {
            return; // connection bookkeeping, handled by the loop
        }
        if (event.getClass() == DialEvent.class) {
            return; // asterisk-java synthesises a legacy Dial event per DialBegin; not on the wire
        }
        AmiEvent amiEvent;
        try {
            amiEvent = ManagerEvents.toAmiEvent(event);
        } catch (RuntimeException e) {
            log.warn("skipping AMI event {} that cannot be read: {}", event.getClass().getSimpleName(), e.toString());
            return;
        }
        for (Consumer<AmiEvent> l : eventListeners) {
            try {
                l.accept(amiEvent);
            } catch (RuntimeException e) {
                // one bad event must not stop the others or the reader thread
                log.warn("AMI event listener failed on {}: {}", amiEvent.name(), e.toString(), e);
            }
        }
    }

    private static String describe(Throwable e) {
        String msg = e.getMessage();
        Throwable cause = e.getCause();
        if ((msg == null || msg.isBlank()) && cause != null) {
            msg = cause.getMessage();
        }
        return e.getClass().getSimpleName() + (msg == null ? "" : ": " + msg);
    }
}
