package ru.supportgateway.feedback;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The public pages (no login): the question form, the applicant's status page with its "ask again"
 * button, and the holders' answer page. The form is guarded without a CAPTCHA: a CSRF token (Spring
 * Security), a honeypot field robots fill in, a minimum time between showing the form and sending it,
 * and the rate limit per address and applicant.
 */
@Controller
public class FeedbackPages {

    static final String SHOWN_AT = "feedback.formShownAt";
    /** The honeypot: hidden from people, irresistible to form-filling robots. */
    static final String HONEYPOT = "website";
    private static final Logger log = LoggerFactory.getLogger(FeedbackPages.class);

    private final FeedbackService service;
    private final FeedbackProperties settings;
    private final FeedbackNotices notices;
    private final Clock clock;

    public FeedbackPages(FeedbackService service, FeedbackProperties settings, FeedbackNotices notices, Clock clock) {
        this.service = service;
        this.settings = settings;
        this.notices = notices;
        this.clock = clock;
    }

    /** The form's values, to show them again with the errors. */
    public record FormValues(String name, String email, Long schoolId, String rubric, String text) {
    }

    @GetMapping("/feedback")
    public String form(Model model, HttpSession session) {
        session.setAttribute(SHOWN_AT, clock.instant());
        return formPage(model, new FormValues("", "", null, Rubric.SCHOOL.name(), ""), Map.of());
    }

    @PostMapping("/feedback")
    public String ask(@RequestParam(defaultValue = "") String name, @RequestParam(defaultValue = "") String email,
                      @RequestParam(required = false) String schoolId, @RequestParam(required = false) String rubric,
                      @RequestParam(defaultValue = "") String text,
                      @RequestParam(name = HONEYPOT, defaultValue = "") String honeypot,
                      @RequestParam(required = false) MultipartFile attachment,
                      HttpServletRequest request, HttpServletResponse response, HttpSession session, Model model,
                      RedirectAttributes redirect) throws IOException {
        Long school = parseLong(schoolId);
        FormValues values = new FormValues(name, email, school, rubric, text);
        Instant shownAt = (Instant) session.getAttribute(SHOWN_AT);
        Instant now = clock.instant();
        session.setAttribute(SHOWN_AT, now);
        if (!honeypot.isEmpty()) {
            log.info("Feedback form from {} refused: honeypot filled", request.getRemoteAddr());
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return formPage(model, values, Map.of("form", "Не удалось отправить вопрос. Обновите страницу и попробуйте ещё раз."));
        }
        if (shownAt == null || Duration.between(shownAt, now).compareTo(settings.minFillTime()) < 0) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return formPage(model, values, Map.of("form",
                    "Форма отправлена слишком быстро или устарела. Проверьте данные и отправьте ещё раз."));
        }
        List<Upload> files = new ArrayList<>();
        if (attachment != null && !attachment.isEmpty()) {
            files.add(new Upload(attachment.getOriginalFilename(), attachment.getContentType(), attachment.getBytes()));
        } else if (attachment != null && attachment.getOriginalFilename() != null && !attachment.getOriginalFilename().isEmpty()) {
            files.add(new Upload(attachment.getOriginalFilename(), attachment.getContentType(), new byte[0]));
        }
        try {
            FeedbackService.Registered r = service.ask(new NewQuestion(school, rubric(rubric), name, email, text, files,
                    NewQuestion.Source.FORM, request.getRemoteAddr()));
            redirect.addFlashAttribute("number", r.number());
            redirect.addFlashAttribute("email", email.strip());
            return "redirect:/feedback/sent";
        } catch (InvalidQuestionException e) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return formPage(model, values, e.errors());
        } catch (TooManyQuestionsException e) {
            response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
            response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(e.retryAfter().toSeconds()));
            return formPage(model, values, Map.of("form", e.getMessage()));
        }
    }

    @GetMapping("/feedback/sent")
    public String sent(Model model) {
        if (!model.containsAttribute("number")) {
            return "redirect:/feedback";
        }
        return "feedback/sent";
    }

    @GetMapping("/feedback/status/{token}")
    public String status(@PathVariable String token, Model model, HttpServletResponse response) {
        Optional<FeedbackService.StatusView> view = service.status(token);
        if (view.isEmpty()) {
            return notFound(model, response);
        }
        model.addAttribute("q", view.get());
        model.addAttribute("token", token);
        model.addAttribute("maxText", FeedbackProperties.MAX_TEXT);
        model.addAttribute("fmt", notices);
        return "feedback/status";
    }

    @PostMapping("/feedback/status/{token}/repeat")
    public String repeat(@PathVariable String token, @RequestParam(defaultValue = "") String comment,
                         RedirectAttributes redirect, Model model, HttpServletResponse response) {
        try {
            service.repeat(token, comment);
            redirect.addFlashAttribute("message", "Вопрос отправлен повторно. Ответ придёт на вашу почту и появится на этой странице.");
        } catch (QuestionNotFoundException e) {
            return notFound(model, response);
        } catch (IllegalStateException | InvalidQuestionException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/feedback/status/" + token;
    }

    @GetMapping("/feedback/answer/{token}")
    public String answerPage(@PathVariable String token, Model model, HttpServletResponse response) {
        return holderPage(token, model, response, null);
    }

    @PostMapping("/feedback/answer/{token}")
    public String answer(@PathVariable String token, @RequestParam(defaultValue = "answer") String action,
                         @RequestParam(defaultValue = "") String text, Model model, HttpServletResponse response,
                         RedirectAttributes redirect) {
        try {
            if ("pass".equals(action)) {
                String number = service.passOn(token, text);
                redirect.addFlashAttribute("message", "Вопрос передан в службу технической поддержки (обращение " + number + ").");
            } else {
                service.answer(token, text);
                redirect.addFlashAttribute("message", "Ответ отправлен заявителю. Спасибо!");
            }
            return "redirect:/feedback/answer/" + token;
        } catch (QuestionNotFoundException e) {
            return notFound(model, response);
        } catch (InvalidQuestionException | IllegalStateException e) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("text", text);
            return holderPage(token, model, response, e.getMessage());
        }
    }

    @GetMapping("/feedback/answer/{token}/files/{id}")
    public ResponseEntity<byte[]> file(@PathVariable String token, @PathVariable long id) {
        return service.attachmentForHolder(token, id)
                .map(a -> ResponseEntity.ok()
                        .contentType(MediaType.parseMediaType(a.contentType()))
                        .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                                .filename(a.fileName(), java.nio.charset.StandardCharsets.UTF_8).build().toString())
                        .header("X-Content-Type-Options", "nosniff")
                        .body(a.content()))
                .orElseGet(() -> ResponseEntity.notFound().build());
    }

    private String holderPage(String token, Model model, HttpServletResponse response, String error) {
        Optional<FeedbackService.HolderView> view = service.holderView(token);
        if (view.isEmpty()) {
            return notFound(model, response);
        }
        model.addAttribute("h", view.get());
        model.addAttribute("token", token);
        model.addAttribute("fmt", notices);
        model.addAttribute("maxAnswer", FeedbackService.MAX_ANSWER);
        if (error != null) {
            model.addAttribute("error", error);
        }
        return "feedback/answer";
    }

    private String formPage(Model model, FormValues values, Map<String, String> errors) {
        model.addAttribute("values", values);
        model.addAttribute("errors", new LinkedHashMap<>(errors));
        model.addAttribute("schools", service.schoolsByMunicipality());
        model.addAttribute("rubrics", Rubric.values());
        model.addAttribute("maxText", FeedbackProperties.MAX_TEXT);
        model.addAttribute("maxSize", QuestionCheck.megabytes(settings.attachmentMaxSize().toBytes()));
        model.addAttribute("types", settings.attachmentTypes());
        model.addAttribute("maxBytes", settings.attachmentMaxSize().toBytes());
        model.addAttribute("accept", String.join(",", settings.attachmentTypes().stream().map(t -> "." + t).toList()));
        return "feedback/form";
    }

    private String notFound(Model model, HttpServletResponse response) {
        response.setStatus(HttpStatus.NOT_FOUND.value());
        model.addAttribute("message", new QuestionNotFoundException().getMessage());
        return "feedback/not-found";
    }

    static Rubric rubric(String value) {
        if (value == null) {
            return null;
        }
        for (Rubric r : Rubric.values()) {
            if (r.name().equalsIgnoreCase(value.strip()) || r.label().equalsIgnoreCase(value.strip())) {
                return r;
            }
        }
        return null;
    }

    static Long parseLong(String value) {
        try {
            return value == null || value.isBlank() ? null : Long.valueOf(value.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
