package ru.supportgateway.telephony.callback;

import java.time.Duration;
import java.util.Objects;

/**
 * @param operatorChannelTemplate dial string of the operator's phone, {@code {ext}} is replaced by the
 *                                operator extension, e.g. {@code Local/{ext}@agents/n} or {@code PJSIP/{ext}}
 * @param context                 dialplan context that dials the customer ({@code callback-out})
 * @param operatorRingTimeout     Originate Timeout: how long the operator's phone rings
 * @param callerIdName            name shown on the operator's phone before the customer's number
 */
public record CallbackDialerSettings(String operatorChannelTemplate, String context, Duration operatorRingTimeout,
                                     String callerIdName) {

    public CallbackDialerSettings {
        Objects.requireNonNull(operatorChannelTemplate, "operatorChannelTemplate");
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(operatorRingTimeout, "operatorRingTimeout");
        if (!operatorChannelTemplate.contains("{ext}")) {
            throw new IllegalArgumentException("operatorChannelTemplate needs an {ext} placeholder");
        }
        callerIdName = callerIdName == null ? "Callback" : callerIdName;
    }
}
