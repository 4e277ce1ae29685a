package ru.supportgateway.web.ui;

import java.security.Principal;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.servlet.ModelAndView;

import ru.supportgateway.journal.RequestNotFoundException;
import ru.supportgateway.operator.DeskAccessDeniedException;
import ru.supportgateway.operator.Operator;
import ru.supportgateway.operator.OperatorRepository;

/**
 * For the operators' pages: the logged-in operator in every model (the header shows who and what role),
 * and errors as Russian HTML pages. Ordered first, because the REST API's problem-JSON advice covers every
 * package and would otherwise answer a browser with JSON.
 */
@ControllerAdvice(basePackages = "ru.supportgateway.web.ui")
@Order(Ordered.HIGHEST_PRECEDENCE)
class PageAdvice {

    private final OperatorRepository operators;

    PageAdvice(OperatorRepository operators) {
        this.operators = operators;
    }

    @ModelAttribute("me")
    Operator me(Principal principal) {
        return principal == null ? null : operators.find(principal.getName()).orElse(null);
    }

    @ExceptionHandler
    ModelAndView forbidden(DeskAccessDeniedException e) {
        return error(HttpStatus.FORBIDDEN, "Нет доступа",
                "Это обращение относится к службе, в которой вы не работаете. Если доступ нужен, обратитесь к администратору.");
    }

    @ExceptionHandler
    ModelAndView notFound(RequestNotFoundException e) {
        return error(HttpStatus.NOT_FOUND, "Обращение не найдено", "Обращения " + e.number() + " нет в журнале.");
    }

    @ExceptionHandler
    ModelAndView notFound(PageNotFoundException e) {
        return error(HttpStatus.NOT_FOUND, "Страница не найдена", e.getMessage());
    }

    static ModelAndView error(HttpStatus status, String title, String message) {
        ModelAndView mav = new ModelAndView("error-page");
        mav.setStatus(status);
        mav.addObject("code", status.value());
        mav.addObject("title", title);
        mav.addObject("message", message);
        return mav;
    }
}
