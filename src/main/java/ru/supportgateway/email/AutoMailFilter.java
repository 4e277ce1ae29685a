package ru.supportgateway.email;

import java.util.Optional;

/** One loop-guard concern: returns a verdict when this concern recognises the mail as automatic. */
@FunctionalInterface
public interface AutoMailFilter {

    Optional<AutoMailVerdict> check(ParsedMail mail);
}
