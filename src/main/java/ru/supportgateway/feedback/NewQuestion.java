package ru.supportgateway.feedback;

import java.util.List;

import org.springframework.lang.Nullable;

/**
 * A parent's question as it came in (form, API or email), not yet checked.
 *
 * @param clientIp the sender's address for the rate limit; null for email
 */
public record NewQuestion(@Nullable Long schoolId, @Nullable Rubric rubric, String name, String email, String text,
                          List<Upload> attachments, Source source, @Nullable String clientIp) {

    public NewQuestion {
        name = name == null ? "" : name.strip();
        email = email == null ? "" : email.strip();
        // Browsers send a textarea's line breaks as CRLF but count them as one character (maxlength):
        // count the way the page does.
        text = text == null ? "" : text.replace("\r\n", "\n").strip();
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }

    /** Where the question came from. */
    public enum Source { FORM, API, EMAIL }
}
