package ru.supportgateway.feedback;

import java.time.Duration;

/** The rate limit refused the question. */
public class TooManyQuestionsException extends RuntimeException {

    private final Duration retryAfter;

    public TooManyQuestionsException(Duration retryAfter) {
        super("Слишком много вопросов за короткое время. Попробуйте позже (через %d мин.)."
                .formatted(Math.max(1, retryAfter.toMinutes())));
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
