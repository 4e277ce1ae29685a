package ru.supportgateway.telephony;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import ru.supportgateway.telephony.ami.AmiSettings;
import ru.supportgateway.telephony.callback.CallbackDialerSettings;

/**
 * {@code gateway.asterisk.*}: where Asterisk's manager interface is and how calls look in its dialplan.
 * No {@code host}: telephony is off (email keeps working).
 *
 * @param voicemailSpool    Asterisk's voicemail spool as mounted on this host; voicemails are read from it
 * @param inboundContexts   dialplan contexts of the desks' support lines (calls seen there are inbound)
 * @param operatorChannel   dial string of an operator's phone, {@code {ext}} = the operator's extension
 * @param callbackContext   dialplan context that dials the parent after the operator answered
 * @param callIdleTimeout   a call with no event for this long is closed with what was seen (lost hangup)
 * @param reconcileMaxAge   voicemails older than this found after a reconnect are not turned into call-backs
 *                          (a box full of old messages must not flood the queue on the first start)
 */
@ConfigurationProperties("gateway.asterisk")
public record TelephonyProperties(String host, @DefaultValue("5038") int port, @DefaultValue("gateway") String username,
                                  String secret,
                                  @DefaultValue("/var/spool/asterisk/voicemail") Path voicemailSpool,
                                  @DefaultValue("from-trunk") List<String> inboundContexts,
                                  @DefaultValue("PJSIP/{ext}") String operatorChannel,
                                  @DefaultValue("callback-out") String callbackContext,
                                  @DefaultValue("20s") Duration operatorRingTimeout,
                                  @DefaultValue("Обратный звонок") String callbackCallerIdName,
                                  @DefaultValue("1s") Duration reconnectInitial,
                                  @DefaultValue("1m") Duration reconnectMax,
                                  @DefaultValue("5s") Duration responseTimeout,
                                  @DefaultValue("10m") Duration callIdleTimeout,
                                  @DefaultValue("7d") Duration reconcileMaxAge) {

    public boolean configured() {
        return host != null && !host.isBlank();
    }

    public AmiSettings amiSettings() {
        return new AmiSettings(host.strip(), port, username, secret == null ? "" : secret, reconnectInitial,
                reconnectMax, responseTimeout);
    }

    public CallbackDialerSettings dialerSettings() {
        return new CallbackDialerSettings(operatorChannel, callbackContext, operatorRingTimeout, callbackCallerIdName);
    }
}
