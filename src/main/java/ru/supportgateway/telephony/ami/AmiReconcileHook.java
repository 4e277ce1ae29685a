package ru.supportgateway.telephony.ami;

import org.asteriskjava.manager.ManagerConnection;

/**
 * Called after every successful (re)login, on the link's own thread, before further reconnects
 * can happen. Events may have been missed while the link was down, so implementations query
 * Asterisk for current state (e.g. VoicemailBoxSummary) and catch up.
 * Exceptions are logged; they do not tear the link down.
 */
@FunctionalInterface
public interface AmiReconcileHook {

    void afterConnect(ManagerConnection connection) throws Exception;
}
