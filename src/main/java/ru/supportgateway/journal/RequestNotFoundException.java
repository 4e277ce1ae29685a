package ru.supportgateway.journal;

public class RequestNotFoundException extends RuntimeException {

    private final String number;

    public RequestNotFoundException(String number) {
        super("Обращение %s не найдено. / Request %s not found.".formatted(number, number));
        this.number = number;
    }

    public String number() {
        return number;
    }
}
