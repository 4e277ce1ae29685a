package ru.supportgateway.escalation;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code gateway.escalation.*}.
 *
 * @param desk                the desk whose working calendar counts the school chain's working days
 *                            (and whose journal holds the questions to schools)
 * @param technicalDesk       the desk that takes technical and out-of-competence questions (its journal,
 *                            its calendar for the last day of the 30-day period, its address for warnings)
 * @param technicalDays       calendar days the technical desk has to answer (regulation: 30)
 * @param technicalWarnBefore how long before that deadline the desk is warned
 * @param batchSize           at most this many questions moved per run of the clock
 */
@ConfigurationProperties("gateway.escalation")
public record EscalationProperties(@DefaultValue("feedback") String desk, @DefaultValue("sc") String technicalDesk,
                                   @DefaultValue("30") int technicalDays,
                                   @DefaultValue("3d") Duration technicalWarnBefore,
                                   @DefaultValue("100") int batchSize) {
}
