package ru.supportgateway.telephony.web;

/** No such call, call-back or recording (HTTP 404). */
class NotFoundException extends RuntimeException {

    NotFoundException(String what) {
        super(what);
    }
}
