package ru.supportgateway.report;

import java.time.Duration;
import java.time.LocalTime;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code gateway.reports.*}: when the monthly journal is mailed to each desk's head.
 *
 * @param auto         whether the {@code monthly-journal} route checks for due journals at all
 * @param dayOfMonth   the day of the following month it is due (the regulation: the 10th), 1..28
 * @param at           the time of that day in the desk's zone from which it is sent
 * @param checkPeriod  how often the route checks; a missed day (the gateway was down) is caught up at the next check
 * @param mailFrom     the sender for desks without an email address of their own
 */
@ConfigurationProperties("gateway.reports")
public record ReportProperties(@DefaultValue("true") boolean auto, @DefaultValue("10") int dayOfMonth,
                               @DefaultValue("07:00") LocalTime at, @DefaultValue("15m") Duration checkPeriod,
                               String mailFrom) {

    public ReportProperties {
        if (dayOfMonth < 1 || dayOfMonth > 28) {
            throw new IllegalArgumentException("gateway.reports.day-of-month must be 1..28 (every month has it), not " + dayOfMonth);
        }
    }
}
