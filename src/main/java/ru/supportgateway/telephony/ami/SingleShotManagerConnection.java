package ru.supportgateway.telephony.ami;

import java.util.function.Consumer;

import org.asteriskjava.manager.ManagerConnectionState;
import org.asteriskjava.manager.event.DisconnectEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.internal.ManagerConnectionImpl;

/**
 * A manager connection that is used for exactly one TCP session.
 * <p>
 * asterisk-java's {@link ManagerConnectionImpl} reconnects by itself when a connected session is
 * lost: on the DisconnectEvent it switches to RECONNECTING and starts a private thread that retries
 * every 50 ms ten times, then every 5 s forever, without back-off, without telling anybody why it
 * fails, and it does not reconnect at all when the very first login fails. {@link AmiLink} owns that
 * loop instead, so here the state is moved out of CONNECTED before the library sees the
 * DisconnectEvent; that is the only condition under which the library starts its reconnect thread.
 * The socket is then closed and the owner is told, and it builds a fresh connection for the next
 * attempt.
 */
final class SingleShotManagerConnection extends ManagerConnectionImpl {

    private final Consumer<SingleShotManagerConnection> onLost;

    SingleShotManagerConnection(Consumer<SingleShotManagerConnection> onLost) {
        this.onLost = onLost;
    }

    @Override
    public void dispatchEvent(ManagerEvent event, Integer requiredHandlingTime) {
        boolean lost = false;
        // unlocked pre-check: during login() the lock is held while waiting for responses
        if (event instanceof DisconnectEvent && state == ManagerConnectionState.CONNECTED) {
            try (var lock = withLock()) {
                if (state == ManagerConnectionState.CONNECTED) {
                    state = ManagerConnectionState.DISCONNECTED;
                    lost = true;
                }
            }
        }
        super.dispatchEvent(event, requiredHandlingTime);
        if (lost) {
            disconnect();
            onLost.accept(this);
        }
    }

    /** Closes the socket without sending Logoff (used when a login attempt is abandoned). */
    void closeQuietly() {
        try {
            disconnect();
        } catch (RuntimeException ignored) {
            // closing a half-open connection must never fail the caller
        }
    }
}
