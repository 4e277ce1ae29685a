package ru.supportgateway.telephony.agi;

import java.time.Clock;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import ru.supportgateway.desk.Desks;

/** The FastAGI server with the desk-hours script; on unless {@code gateway.agi.enabled=false}. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "gateway.agi", name = "enabled", havingValue = "true", matchIfMissing = true)
public class AgiConfiguration {

    @Bean
    DeskHoursScript deskHoursScript(Desks desks, Clock clock) {
        return new DeskHoursScript(desks, clock);
    }

    @Bean
    DeskHoursAgiServer deskHoursAgiServer(AgiProperties settings, DeskHoursScript deskHoursScript) {
        return new DeskHoursAgiServer(settings, deskHoursScript);
    }
}
