package ru.supportgateway.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MailTemplatesTest {

    @TempDir
    Path dir;

    @Test
    void theShippedAnswerTemplateRendersSubjectAndBody() {
        MailTemplates templates = new MailTemplates("templates");
        Map<String, Object> vars = new HashMap<>();
        vars.put("tag", "[SC-2026-000042]");
        vars.put("number", "SC-2026-000042");
        vars.put("subject", "Не открывается дневник");
        vars.put("text", "Пароль сброшен.");
        vars.put("deskName", "Ситуационный центр");
        vars.put("deskAddress", "sc@example.org");
        vars.put("deskPhone", null);
        MailTemplates.Rendered r = templates.render("answer", vars);
        assertThat(r.subject()).isEqualTo("Re: [SC-2026-000042] Не открывается дневник");
        assertThat(r.body()).startsWith("Здравствуйте!").contains("Пароль сброшен.").contains("sc@example.org")
                .doesNotContain("тел.");
    }

    @Test
    void anAdministratorsEditTakesEffectWithoutARestart() throws Exception {
        Files.createDirectories(dir.resolve("mail"));
        Path file = dir.resolve("mail/hello.txt");
        MailTemplates templates = new MailTemplates(dir.toString());
        Files.writeString(file, "Привет, [(${name})]\n\nПервый текст");
        assertThat(templates.render("hello", Map.of("name", "Анна")).body()).isEqualTo("Первый текст");
        Files.writeString(file, "Привет, [(${name})]\n\nВторой текст");
        assertThat(templates.render("hello", Map.of("name", "Анна"))).isEqualTo(new MailTemplates.Rendered("Привет, Анна", "Второй текст"));
    }

    @Test
    void aMissingTemplateOrSubjectIsNamed() throws Exception {
        MailTemplates templates = new MailTemplates(dir.toString());
        assertThatThrownBy(() -> templates.render("nope", Map.of())).hasMessageContaining("nope.txt");
        Files.createDirectories(dir.resolve("mail"));
        Files.writeString(dir.resolve("mail/blank.txt"), "\nТекст без темы");
        assertThatThrownBy(() -> templates.render("blank", Map.of())).hasMessageContaining("subject");
    }
}
