package ru.supportgateway.journal;

/**
 * Why the desk rejects a request: the two reasons of the regulations (002 and 004, "Причины для отклонения
 * обращения"). Each has its mail template {@code templates/mail/rejection-<slug>.txt}.
 */
public enum RejectionReason {
    /** The applicant cannot give enough information to find and solve the problem. */
    INSUFFICIENT_INFORMATION("недостаточно информации для выявления проблемы", "insufficient-information"),
    /** The question is put incorrectly, or the discussion is not constructive and drags on. */
    INCORRECT_OR_UNCONSTRUCTIVE("вопрос поставлен некорректно / обсуждение неконструктивно", "incorrect-question");

    private final String label;
    private final String slug;

    RejectionReason(String label, String slug) {
        this.label = label;
        this.slug = slug;
    }

    /** The reason in Russian, written into the Form No. 1 note. */
    public String label() {
        return label;
    }

    /** The mail template's name, without the {@code .txt}. */
    public String template() {
        return "rejection-" + slug;
    }
}
