package ru.supportgateway.feedback;

import java.util.Map;

/** The question cannot be accepted as it is: a Russian message per field ({@code name, email, schoolId, rubric, text, attachment}). */
public class InvalidQuestionException extends RuntimeException {

    private final Map<String, String> errors;

    public InvalidQuestionException(Map<String, String> errors) {
        super(String.join(" ", errors.values()));
        this.errors = Map.copyOf(errors);
    }

    public Map<String, String> errors() {
        return errors;
    }
}
