package ru.supportgateway.telephony.agi;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code gateway.agi.*}: the FastAGI server Asterisk's dialplan asks about desk hours
 * ({@code AGI(agi://gateway:4573/desk-hours?desk=sc)}). It does not depend on the AMI link: a call
 * must get an answer even while the manager connection is down.
 *
 * @param enabled false: no FastAGI server (the dialplan then falls back to its defaults)
 * @param bind    local address to listen on; 0.0.0.0 = all interfaces
 * @param port    TCP port; 0 = any free port (tests), see {@link DeskHoursAgiServer#localPort()}
 */
@ConfigurationProperties("gateway.agi")
public record AgiProperties(@DefaultValue("true") boolean enabled, @DefaultValue("0.0.0.0") String bind,
                            @DefaultValue("4573") int port) {

    public AgiProperties {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("gateway.agi.port must be 0..65535, not " + port);
        }
        if (bind == null || bind.isBlank()) {
            throw new IllegalArgumentException("gateway.agi.bind must be an address such as 0.0.0.0 or 127.0.0.1");
        }
    }
}
