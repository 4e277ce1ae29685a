package ru.supportgateway.email.demo;

import java.util.LinkedHashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import ru.supportgateway.desk.DeskProperties;

/**
 * First start without any mail configured: adds a demo desk whose mailbox is on an embedded mail
 * server ({@link DemoMailServer}, SMTP 3025 and IMAP 3143 on loopback) and sends the gateway's mail
 * through that server, so a newcomer can write to {@code support@demo.local} and watch the mail be
 * registered and acknowledged. Off as soon as any desk has a mailbox or {@code gateway.smtp} is set, or
 * with {@code gateway.demo.enabled=false}. Only the real start registers this listener, so tests never
 * get the demo unless they ask for it.
 */
public class DemoMailMode implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

    public static final String ADDRESS = "support@demo.local";
    private static final Logger log = LoggerFactory.getLogger(DemoMailMode.class);

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        ConfigurableEnvironment env = event.getEnvironment();
        if (!wanted(env)) {
            return;
        }
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("gateway.demo.active", "true");
        p.put("gateway.smtp.host", "127.0.0.1");
        p.put("gateway.smtp.port", "${gateway.demo.smtp-port:3025}");
        p.put("gateway.smtp.tls", "false");
        String desk = "gateway.desks.demo.";
        p.put(desk + "name", "Демонстрационная служба поддержки");
        p.put(desk + "zone", "Europe/Moscow");
        p.put(desk + "calendar", "none");
        p.put(desk + "hours.daily", "00:00-24:00");
        p.put(desk + "email.address", ADDRESS);
        p.put(desk + "email.after-hours", "register");
        p.put(desk + "email.imap.host", "127.0.0.1");
        p.put(desk + "email.imap.port", "${gateway.demo.imap-port:3143}");
        p.put(desk + "email.imap.username", "demo");
        p.put(desk + "email.imap.password", "demo");
        p.put(desk + "email.imap.tls", "false");
        p.put(desk + "email.imap.poll-delay", "2s");
        env.getPropertySources().addLast(new MapPropertySource("gatewayDemoMail", p));
        log.info("No mailbox and no gateway.smtp configured: demo mode with an embedded mail server on 127.0.0.1"
                + " (SMTP {}, IMAP {}); write to {} (set gateway.demo.enabled=false to turn it off)",
                env.getProperty("gateway.demo.smtp-port", "3025"), env.getProperty("gateway.demo.imap-port", "3143"),
                ADDRESS);
    }

    /** Demo only when allowed and nothing about mail is configured. */
    static boolean wanted(ConfigurableEnvironment env) {
        if (!env.getProperty("gateway.demo.enabled", Boolean.class, true)) {
            return false;
        }
        Binder binder = Binder.get(env);
        boolean smtp = binder.bind("gateway.smtp", Bindable.mapOf(String.class, Object.class)).isBound();
        boolean mailbox = binder.bind("gateway.desks", Bindable.mapOf(String.class, DeskProperties.class))
                .map(desks -> desks.values().stream().anyMatch(d -> d.email() != null && d.email().imap() != null))
                .orElse(false);
        return !smtp && !mailbox;
    }
}
