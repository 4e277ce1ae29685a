package ru.supportgateway.email;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.FileTemplateResolver;

import ru.supportgateway.desk.Desk;

/**
 * Renders the reply templates in {@code templates/mail/} (Thymeleaf text mode). A template is parsed once
 * and kept while its file stays the same: every use reads the (small) file and compares it with what was
 * parsed, so an administrator's edit takes effect on the next mail without a restart. A template's first line is the
 * subject, then an empty line, then the body.
 */
@Component
public class MailTemplates {

    // Spring flavour: expressions are SpEL (plain Thymeleaf would need OGNL on the classpath).
    private final SpringTemplateEngine engine = new SpringTemplateEngine();
    private final Path dir;
    /** Each template file's content when it was parsed into the engine's cache. */
    private final Map<String, byte[]> parsed = new ConcurrentHashMap<>();

    public MailTemplates(@Value("${gateway.templates.dir:templates}") String dir) {
        this.dir = Path.of(dir, "mail").toAbsolutePath().normalize();
        FileTemplateResolver resolver = new FileTemplateResolver();
        resolver.setPrefix(this.dir + "/");
        resolver.setSuffix(".txt");
        resolver.setTemplateMode(TemplateMode.TEXT);
        resolver.setCharacterEncoding("UTF-8");
        resolver.setCacheable(true);
        resolver.setCacheTTLMs(null); // kept until its file changes (see render)
        engine.setTemplateResolver(resolver);
        // SpEL compiled to bytecode once an expression has run a few times: every acknowledgement evaluates
        // a dozen of them
        engine.setEnableSpringELCompiler(true);
    }

    /**
     * The variables every template may use about the desk: {@code deskName}, {@code deskAddress},
     * {@code deskPhone} (null when none) and {@code hours} (its working hours in words). A fresh,
     * modifiable map: callers add their own variables.
     */
    public static Map<String, Object> deskVariables(Desk desk, Instant now) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("deskName", desk.name());
        v.put("deskAddress", desk.email().map(Desk.EmailSettings::address).orElse(null));
        v.put("deskPhone", desk.phone().flatMap(Desk.PhoneSettings::number).orElse(null));
        v.put("hours", DeskHours.describe(desk, now));
        return v;
    }

    /** A rendered mail: its subject line and its body. */
    public record Rendered(String subject, String body) {
    }

    /**
     * @throws IllegalStateException naming the file when the template is missing or has no subject line
     */
    public Rendered render(String template, Map<String, ?> variables) {
        Path file = dir.resolve(template + ".txt");
        byte[] content;
        try {
            content = Files.isRegularFile(file) ? Files.readAllBytes(file) : null;
        } catch (IOException e) {
            content = null;
        }
        if (content == null) {
            parsed.remove(template);
            engine.clearTemplateCacheFor(template);
            throw new IllegalStateException("Mail template " + file + " is missing");
        }
        byte[] before = parsed.put(template, content);
        if (before != null && !Arrays.equals(before, content)) {
            engine.clearTemplateCacheFor(template); // edited: parse it again
        }
        Context context = new Context();
        variables.forEach(context::setVariable);
        String text = engine.process(template, context).replace("\r\n", "\n");
        int end = text.indexOf('\n');
        String subject = (end < 0 ? text : text.substring(0, end)).strip();
        if (subject.isEmpty()) {
            throw new IllegalStateException("Mail template " + file + " must start with the subject line");
        }
        String body = end < 0 ? "" : text.substring(end + 1).replaceFirst("^\n", "");
        return new Rendered(subject, body);
    }
}
