package ru.supportgateway.feedback;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Errors of the public feedback API as problem JSON, ahead of the gateway-wide handler (which would
 * call a refused question a generic bad request and has no per-field errors).
 */
@RestControllerAdvice(assignableTypes = PublicFeedbackApi.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class FeedbackApiErrors {

    @ExceptionHandler
    ProblemDetail invalid(InvalidQuestionException e) {
        ProblemDetail p = problem(HttpStatus.BAD_REQUEST, "Вопрос не принят", e.getMessage());
        p.setProperty("errors", e.errors());
        return p;
    }

    @ExceptionHandler
    ProblemDetail tooMany(TooManyQuestionsException e, HttpServletResponse response) {
        response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(e.retryAfter().toSeconds()));
        return problem(HttpStatus.TOO_MANY_REQUESTS, "Слишком много вопросов", e.getMessage());
    }

    @ExceptionHandler
    ProblemDetail notFound(QuestionNotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "Вопрос не найден", e.getMessage());
    }

    @ExceptionHandler
    ProblemDetail notNow(IllegalStateException e) {
        return problem(HttpStatus.CONFLICT, "Действие невозможно", e.getMessage());
    }

    private static ProblemDetail problem(HttpStatus status, String title, String detail) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
        p.setTitle(title);
        return p;
    }
}
