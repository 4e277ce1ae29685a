package ru.supportgateway.journal.web;

/** The operator does not work at the desk the request belongs to. */
class DeskAccessDeniedException extends RuntimeException {

    DeskAccessDeniedException(String desk) {
        super("Нет доступа к обращениям службы %s. / No access to requests of desk %s.".formatted(desk, desk));
    }
}
