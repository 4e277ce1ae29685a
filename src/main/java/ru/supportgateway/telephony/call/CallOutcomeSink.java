package ru.supportgateway.telephony.call;

/** Port: where finished calls go (database, call-back queue). Called once per call. */
@FunctionalInterface
public interface CallOutcomeSink {

    void accept(CallRecord call);
}
