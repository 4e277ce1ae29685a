package ru.supportgateway.feedback;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.ModelAndView;

/**
 * A file over the server's multipart limit ({@code spring.servlet.multipart.max-file-size}) is refused
 * before any controller is chosen; on the feedback form it gets the same clear message as a file over
 * the feedback limit. Elsewhere the exception goes on to Spring's default 413.
 */
@ControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class UploadTooLarge {

    private final FeedbackProperties settings;

    UploadTooLarge(FeedbackProperties settings) {
        this.settings = settings;
    }

    @ExceptionHandler
    Object tooLarge(MaxUploadSizeExceededException e, HttpServletRequest request) throws MaxUploadSizeExceededException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        String message = "Файл слишком большой; можно приложить файл не больше "
                + QuestionCheck.megabytes(settings.attachmentMaxSize().toBytes()) + ".";
        if (path.startsWith("/api/public/")) {
            ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.PAYLOAD_TOO_LARGE, message);
            p.setTitle("Файл слишком большой");
            return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).body(p);
        }
        if (path.startsWith("/feedback")) {
            ModelAndView page = new ModelAndView("feedback/not-found");
            page.setStatus(HttpStatus.PAYLOAD_TOO_LARGE);
            page.addObject("message", message + " Вернитесь на страницу формы и выберите другой файл.");
            page.addObject("title", "Файл слишком большой");
            return page;
        }
        throw e;
    }
}
