package ru.supportgateway.operator;

/** The operator does not work at the desk whose data was asked for. */
public class DeskAccessDeniedException extends RuntimeException {

    public DeskAccessDeniedException(String desk) {
        super("Нет доступа к обращениям службы %s. / No access to requests of desk %s.".formatted(desk, desk));
    }
}
