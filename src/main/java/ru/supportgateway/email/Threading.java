package ru.supportgateway.email;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** Which earlier messages a mail answers, for threading it into an existing request. */
public final class Threading {

    private Threading() {
    }

    /**
     * Message ids to look up, best first: In-Reply-To (the mail directly answered), then References
     * from last to first (nearest ancestor first). No duplicates, no blanks.
     */
    public static List<String> candidateMessageIds(String inReplyTo, List<String> references) {
        Set<String> ids = new LinkedHashSet<>();
        add(ids, inReplyTo);
        if (references != null) {
            List<String> reversed = new ArrayList<>(references);
            java.util.Collections.reverse(reversed);
            reversed.forEach(id -> add(ids, id));
        }
        return List.copyOf(ids);
    }

    /** As {@link #candidateMessageIds(String, List)}, never including the mail's own Message-ID. */
    public static List<String> candidateMessageIds(ParsedMail mail) {
        Objects.requireNonNull(mail, "mail");
        List<String> ids = new ArrayList<>(candidateMessageIds(mail.inReplyTo(), mail.references()));
        ids.remove(mail.messageId());
        return List.copyOf(ids);
    }

    private static void add(Set<String> ids, String id) {
        if (id == null) {
            return;
        }
        String stripped = id.strip();
        if (stripped.startsWith("<") && stripped.endsWith(">")) {
            stripped = stripped.substring(1, stripped.length() - 1).strip();
        }
        if (!stripped.isEmpty()) {
            ids.add(stripped);
        }
    }
}
