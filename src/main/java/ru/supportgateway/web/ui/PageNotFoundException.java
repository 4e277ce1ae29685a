package ru.supportgateway.web.ui;

/** Something a page was asked for does not exist (or must look as if it did not). */
class PageNotFoundException extends RuntimeException {

    PageNotFoundException(String message) {
        super(message);
    }
}
