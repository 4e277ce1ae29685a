package ru.supportgateway.feedback;

/** No question behind that link (mistyped, or not ours). */
public class QuestionNotFoundException extends RuntimeException {

    public QuestionNotFoundException() {
        super("Вопрос по этой ссылке не найден. Проверьте, что ссылка скопирована из письма целиком.");
    }
}
