package ru.supportgateway.telephony.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import ru.supportgateway.telephony.call.CallDrafts;
import ru.supportgateway.telephony.callback.CallbackAttempts;
import ru.supportgateway.telephony.callback.CallbackWork;

/**
 * Telephony's own errors as RFC 9457 problem JSON, Russian first; access and bad input are answered by the
 * gateway's common handler ({@code web.ApiErrors}).
 */
@RestControllerAdvice(assignableTypes = {CallbackApi.class, CallDraftApi.class})
class TelephonyApiErrors {

    @ExceptionHandler
    ProblemDetail notFound(NotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "Не найдено / Not found", e.getMessage());
    }

    @ExceptionHandler({CallbackWork.NotPossibleException.class, CallbackAttempts.TakenException.class,
            CallDrafts.AlreadyRegisteredException.class})
    ProblemDetail conflict(RuntimeException e) {
        return problem(HttpStatus.CONFLICT, "Действие невозможно / Conflict", e.getMessage());
    }

    @ExceptionHandler
    ProblemDetail telephonyOff(CallbackWork.TelephonyOffException e) {
        return problem(HttpStatus.SERVICE_UNAVAILABLE, "Телефония не настроена / Telephony off", e.getMessage());
    }

    private static ProblemDetail problem(HttpStatus status, String title, String detail) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
        p.setTitle(title);
        return p;
    }
}
