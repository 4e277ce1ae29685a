package ru.supportgateway.journal.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import ru.supportgateway.journal.IllegalStatusMoveException;
import ru.supportgateway.journal.RequestNotFoundException;

/** Journal errors as RFC 9457 problem JSON, with the message in Russian and English. Only for {@link JournalApi}. */
@RestControllerAdvice(assignableTypes = JournalApi.class)
class JournalApiErrors {

    @ExceptionHandler
    ProblemDetail notFound(RequestNotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "Обращение не найдено / Request not found", e.getMessage());
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
    ProblemDetail badRequest(IllegalArgumentException e) {
        return problem(HttpStatus.BAD_REQUEST, "Неверный запрос / Bad request", e.getMessage());
    }

    private static ProblemDetail problem(HttpStatus status, String title, String detail) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
        p.setTitle(title);
        return p;
    }
}
