package ru.supportgateway.escalation;

import java.util.Optional;

/** Finds who holds a school's question at a level (the feedback directory implements it). */
public interface Holders {

    /** Empty when the directory has nobody with an address for that level of the school's chain. */
    Optional<Holder> holderFor(long schoolId, Level level);
}
