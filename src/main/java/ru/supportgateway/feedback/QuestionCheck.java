package ru.supportgateway.feedback;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

/**
 * Checks a question the same way for the form, the API and email: the 500-character limit, the
 * attachment's size and type (by extension and by its first bytes, so a renamed program is refused),
 * the applicant's contacts, the school and the rubric. All problems are reported at once, in Russian.
 */
@Component
public class QuestionCheck {

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    private static final Map<String, String> CONTENT_TYPES = Map.of(
            "pdf", "application/pdf",
            "jpg", "image/jpeg",
            "jpeg", "image/jpeg",
            "png", "image/png",
            "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document");

    private final FeedbackProperties settings;
    private final Directory directory;

    public QuestionCheck(FeedbackProperties settings, Directory directory) {
        this.settings = settings;
        this.directory = directory;
    }

    /**
     * @return the school the question is for
     * @throws InvalidQuestionException naming every field that is wrong
     */
    public Organisation check(NewQuestion q) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (q.name().isEmpty()) {
            errors.put("name", "Укажите, как к вам обращаться.");
        } else if (q.name().length() > 200) {
            errors.put("name", "Имя длиннее 200 символов.");
        }
        if (q.email().isEmpty()) {
            errors.put("email", "Укажите адрес электронной почты: на него придёт ответ.");
        } else if (q.email().length() > 254 || !EMAIL.matcher(q.email()).matches()) {
            errors.put("email", "Адрес электронной почты указан неверно.");
        }
        Optional<Organisation> school = q.schoolId() == null ? Optional.empty()
                : directory.find(q.schoolId()).filter(o -> o.kind() == OrgKind.SCHOOL);
        if (school.isEmpty()) {
            errors.put("schoolId", "Выберите школу из списка.");
        }
        if (q.rubric() == null) {
            errors.put("rubric", "Выберите рубрику: «Вопрос к школе» или «Технический вопрос».");
        }
        if (q.text().isEmpty()) {
            errors.put("text", "Напишите текст вопроса.");
        } else if (q.text().length() > FeedbackProperties.MAX_TEXT) {
            errors.put("text", "Текст вопроса не должен превышать %d символов (сейчас %d). Сократите его, пожалуйста."
                    .formatted(FeedbackProperties.MAX_TEXT, q.text().length()));
        }
        attachmentError(q).ifPresent(e -> errors.put("attachment", e));
        if (!errors.isEmpty()) {
            throw new InvalidQuestionException(errors);
        }
        return school.orElseThrow();
    }

    /** The content type stored for an accepted file, by its extension. */
    public static String contentType(String fileName) {
        return CONTENT_TYPES.getOrDefault(extension(fileName), "application/octet-stream");
    }

    private Optional<String> attachmentError(NewQuestion q) {
        if (q.attachments().isEmpty()) {
            return Optional.empty();
        }
        if (q.attachments().size() > 1) {
            return Optional.of("Можно приложить только один файл.");
        }
        Upload file = q.attachments().get(0);
        String name = file.fileName().isBlank() ? "без имени" : file.fileName();
        String allowed = String.join(", ", settings.attachmentTypes().stream().map(t -> t.toUpperCase(Locale.ROOT)).toList());
        String ext = extension(file.fileName());
        if (!settings.attachmentTypes().contains(ext) || !CONTENT_TYPES.containsKey(ext)) {
            return Optional.of("Файл «%s» не принят: можно приложить только файл %s.".formatted(name, allowed));
        }
        if (file.size() == 0) {
            return Optional.of("Файл «%s» пуст.".formatted(name));
        }
        if (file.size() > settings.attachmentMaxSize().toBytes()) {
            return Optional.of("Файл «%s» слишком большой (%s); можно не больше %s."
                    .formatted(name, megabytes(file.size()), megabytes(settings.attachmentMaxSize().toBytes())));
        }
        if (!contentMatches(ext, file.content())) {
            return Optional.of("Файл «%s» не похож на %s: можно приложить только файл %s."
                    .formatted(name, ext.toUpperCase(Locale.ROOT), allowed));
        }
        return Optional.empty();
    }

    static String megabytes(long bytes) {
        double mb = bytes / (1024.0 * 1024.0);
        return (mb == Math.floor(mb) ? String.valueOf((long) mb) : String.format(Locale.ROOT, "%.1f", mb).replace('.', ',')) + " МБ";
    }

    private static String extension(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot < 0 ? "" : fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    private static boolean contentMatches(String ext, byte[] b) {
        return switch (ext) {
            case "pdf" -> startsWith(b, '%', 'P', 'D', 'F', '-');
            case "jpg", "jpeg" -> startsWith(b, 0xFF, 0xD8, 0xFF);
            case "png" -> startsWith(b, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A);
            case "docx" -> startsWith(b, 'P', 'K', 0x03, 0x04);
            default -> false;
        };
    }

    private static boolean startsWith(byte[] b, int... prefix) {
        if (b.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((b[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
