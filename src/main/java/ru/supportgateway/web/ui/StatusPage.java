package ru.supportgateway.web.ui;

import java.time.Clock;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.servlet.ModelAndView;

import ru.supportgateway.email.Replies;
import ru.supportgateway.journal.JournalRequest;
import ru.supportgateway.journal.StatusLinks;

/**
 * The applicant's status page, by the link in our mails: the request's number, status, desk and the answers
 * sent — nothing else (no operator names, no contacts, no other requests). No login; the 256-bit token is
 * the key, compared in constant time by {@link StatusLinks}, and each client address gets a limited number
 * of lookups a minute so nobody can walk the token space even in theory.
 */
@Controller
class StatusPage {

    static final int LOOKUPS_PER_MINUTE = 30;

    private final StatusLinks links;
    private final Replies replies;
    private final LookupLimiter limiter;

    StatusPage(StatusLinks links, Replies replies, Clock clock) {
        this.links = links;
        this.replies = replies;
        this.limiter = new LookupLimiter(LOOKUPS_PER_MINUTE, clock);
    }

    @GetMapping("/status/{token}")
    Object status(@PathVariable String token, HttpServletRequest http, Model model) {
        if (!limiter.tryAcquire(http.getRemoteAddr())) {
            return PageAdvice.error(HttpStatus.TOO_MANY_REQUESTS, "Слишком много запросов",
                    "Попробуйте открыть ссылку через минуту.");
        }
        JournalRequest r = links.find(token).orElse(null);
        if (r == null) {
            // The same answer for a wrong, malformed or revoked token: nothing to learn from it.
            return PageAdvice.error(HttpStatus.NOT_FOUND, "Страница не найдена",
                    "Ссылка неверна или устарела. Проверьте, что она скопирована из письма полностью.");
        }
        model.addAttribute("number", r.number());
        model.addAttribute("status", r.status());
        model.addAttribute("deskId", r.deskId());
        model.addAttribute("answers", replies.sentToApplicant(r.id()));
        return new ModelAndView("status", model.asMap());
    }
}
