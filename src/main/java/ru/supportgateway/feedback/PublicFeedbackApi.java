package ru.supportgateway.feedback;

import java.net.URI;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.lang.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The JSON API of the feedback service for the region's web and mobile apps (no login; rate-limited
 * like the form). Errors come as problem JSON with a Russian {@code detail} and, for a refused question,
 * {@code errors}: a message per field.
 */
@RestController
@RequestMapping("/api/public")
public class PublicFeedbackApi {

    private final FeedbackService service;

    public PublicFeedbackApi(FeedbackService service) {
        this.service = service;
    }

    /** An attachment in JSON: the file's bytes in base64. */
    public record AttachmentJson(String fileName, @Nullable String contentType, String contentBase64) {
    }

    /** {@code rubric}: SCHOOL or TECHNICAL (or the Russian label). */
    public record QuestionJson(String name, String email, Long schoolId, String rubric, String text,
                               @Nullable AttachmentJson attachment) {
    }

    public record Created(String number, String statusUrl) {
    }

    public record School(long id, String name, String municipality) {
    }

    public record RepeatJson(@Nullable String comment) {
    }

    @PostMapping("/feedback")
    public ResponseEntity<Created> ask(@RequestBody QuestionJson body, HttpServletRequest request) {
        List<Upload> files = List.of();
        if (body.attachment() != null) {
            byte[] bytes;
            try {
                bytes = Base64.getMimeDecoder().decode(body.attachment().contentBase64() == null ? ""
                        : body.attachment().contentBase64());
            } catch (IllegalArgumentException e) {
                throw new InvalidQuestionException(Map.of("attachment", "Файл передан неверно: ожидается содержимое в base64."));
            }
            files = List.of(new Upload(body.attachment().fileName(), body.attachment().contentType(), bytes));
        }
        FeedbackService.Registered r = service.ask(new NewQuestion(body.schoolId(), FeedbackPages.rubric(body.rubric()),
                body.name(), body.email(), body.text(), files, NewQuestion.Source.API, request.getRemoteAddr()));
        return ResponseEntity.created(URI.create(r.statusUrl())).body(new Created(r.number(), r.statusUrl()));
    }

    @GetMapping("/feedback/{token}")
    public FeedbackService.StatusView status(@PathVariable String token) {
        return service.status(token).orElseThrow(QuestionNotFoundException::new);
    }

    @PostMapping("/feedback/{token}/repeat")
    public FeedbackService.StatusView repeat(@PathVariable String token, @RequestBody(required = false) RepeatJson body) {
        return service.repeat(token, body == null ? null : body.comment());
    }

    @GetMapping("/schools")
    public List<School> schools() {
        return service.schoolsByMunicipality().entrySet().stream()
                .flatMap(e -> e.getValue().stream().map(s -> new School(s.id(), s.name(), e.getKey())))
                .toList();
    }

}
