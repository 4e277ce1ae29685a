package ru.supportgateway.web;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import ru.supportgateway.desk.Desks;
import ru.supportgateway.feedback.InvalidQuestionException;
import ru.supportgateway.feedback.QuestionNotFoundException;
import ru.supportgateway.feedback.TooManyQuestionsException;
import ru.supportgateway.journal.IllegalStatusMoveException;
import ru.supportgateway.journal.RequestNotFoundException;
import ru.supportgateway.operator.DeskAccessDeniedException;

/** Errors of every REST API as RFC 9457 problem JSON, with the message in Russian and English. */
@RestControllerAdvice(basePackages = "ru.supportgateway")
class ApiErrors {

    @ExceptionHandler
    ProblemDetail notFound(RequestNotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "Обращение не найдено / Request not found", e.getMessage());
    }

    @ExceptionHandler
    ProblemDetail unknownDesk(Desks.UnknownDeskException e) {
        return problem(HttpStatus.NOT_FOUND, "Служба не найдена / Desk not found", e.getMessage());
    }

    @ExceptionHandler
    ProblemDetail illegalMove(IllegalStatusMoveException e) {
        ProblemDetail p = problem(HttpStatus.CONFLICT, "Недопустимая смена статуса / Illegal status move", e.getMessage());
        p.setProperty("from", e.from().name());
        p.setProperty("to", e.to().name());
        p.setProperty("allowed", e.from().next().stream().sorted().map(Enum::name).toList());
        return p;
    }

    @ExceptionHandler
    ProblemDetail forbidden(DeskAccessDeniedException e) {
        return problem(HttpStatus.FORBIDDEN, "Нет доступа / Forbidden", e.getMessage());
    }

    @ExceptionHandler
    ProblemDetail questionRefused(InvalidQuestionException e) {
        ProblemDetail p = problem(HttpStatus.BAD_REQUEST, "Вопрос не принят / Question refused", e.getMessage());
        p.setProperty("errors", e.errors());
        return p;
    }

    @ExceptionHandler
    ProblemDetail tooManyQuestions(TooManyQuestionsException e, HttpServletResponse response) {
        response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(e.retryAfter().toSeconds()));
        return problem(HttpStatus.TOO_MANY_REQUESTS, "Слишком много вопросов / Too many questions", e.getMessage());
    }

    @ExceptionHandler
    ProblemDetail questionNotFound(QuestionNotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "Вопрос не найден / Question not found", e.getMessage());
    }

    @ExceptionHandler
    ProblemDetail badRequest(IllegalArgumentException e) {
        return problem(HttpStatus.BAD_REQUEST, "Неверный запрос / Bad request", e.getMessage());
    }

    @ExceptionHandler
    ProblemDetail conflict(IllegalStateException e) {
        return problem(HttpStatus.CONFLICT, "Действие невозможно / Not possible now", e.getMessage());
    }

    private static ProblemDetail problem(HttpStatus status, String title, String detail) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
        p.setTitle(title);
        return p;
    }
}
