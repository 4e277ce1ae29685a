package ru.supportgateway.feedback;

/** The two rubrics a parent chooses from (regulation, section 1). */
public enum Rubric {
    SCHOOL("Вопрос к школе"),
    TECHNICAL("Технический вопрос");

    private final String label;

    Rubric(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
