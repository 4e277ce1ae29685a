package ru.supportgateway.feedback;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code gateway.feedback.*}: the public side of the feedback service.
 *
 * @param attachmentMaxSize the largest attachment accepted
 * @param attachmentTypes  file extensions accepted (the content is checked to match)
 * @param ratePerIp        questions accepted from one IP address per {@code rateWindow}
 * @param ratePerEmail     questions accepted from one applicant's address per {@code rateWindow}
 * @param minFillTime      a form sent sooner than this after it was shown is a robot's
 * @param repeatsToNotify  the repeat that notifies the regional department (regulation: the fifth)
 */
@ConfigurationProperties("gateway.feedback")
public record FeedbackProperties(@DefaultValue("5MB") DataSize attachmentMaxSize,
                                 @DefaultValue({"pdf", "jpg", "jpeg", "png", "docx"}) List<String> attachmentTypes,
                                 @DefaultValue("10") int ratePerIp,
                                 @DefaultValue("5") int ratePerEmail,
                                 @DefaultValue("1h") Duration rateWindow,
                                 @DefaultValue("3s") Duration minFillTime,
                                 @DefaultValue("5") int repeatsToNotify) {

    /** The regulation's limit on a question's text. */
    public static final int MAX_TEXT = 500;
}
