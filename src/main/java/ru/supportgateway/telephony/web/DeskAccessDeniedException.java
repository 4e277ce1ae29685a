package ru.supportgateway.telephony.web;

/** The operator does not work at the desk a call or call-back belongs to (HTTP 403). */
class DeskAccessDeniedException extends RuntimeException {

    DeskAccessDeniedException(String desk) {
        super("Нет доступа к звонкам службы %s. / No access to calls of desk %s.".formatted(desk, desk));
    }
}
