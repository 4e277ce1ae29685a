package ru.supportgateway.telephony.callback;

/** Port: where call-back results go (ticket history, retry scheduling). */
@FunctionalInterface
public interface CallbackResultSink {

    void accept(CallbackResult result);
}
