package ru.supportgateway;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one source of "now" for the whole gateway. Code asks for {@link Clock} instead of calling
 * {@code Instant.now()}, so tests can fix time and assert exact timestamps.
 */
@Configuration
public class ClockConfig {

    @Bean
    Clock clock() {
        // UTC: instants are zone-free; a desk's zone is applied where a local date or hour matters.
        return Clock.systemUTC();
    }
}
