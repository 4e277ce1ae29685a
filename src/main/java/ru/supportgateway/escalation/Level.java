package ru.supportgateway.escalation;

import java.util.Optional;

/**
 * Who holds a parent's question. A question to the school climbs DEPUTY → DIRECTOR → MUNICIPALITY →
 * DEPARTMENT when a holder lets its working days run out (regulation of the "Обратная связь" service,
 * section 2); a technical question, or one the deputy head passes on as out of the school's
 * competence, is held by the technical desk.
 */
public enum Level {
    DEPUTY("заместитель директора", 3),
    DIRECTOR("директор", 2),
    MUNICIPALITY("муниципальный орган управления образованием", 3),
    /** The top of the chain: nobody above it, so no deadline that would move the question on. */
    DEPARTMENT("департамент образования", 0),
    TECHNICAL("служба технической поддержки (ситуационный центр)", 0);

    private final String label;
    private final int workingDays;

    Level(String label, int workingDays) {
        this.label = label;
        this.workingDays = workingDays;
    }

    /** How the status page and the mails name the holder. */
    public String label() {
        return label;
    }

    /** Working days this holder has to answer before the question moves up; 0: it never moves on. */
    public int workingDays() {
        return workingDays;
    }

    /** The next holder up the school chain, if any. */
    public Optional<Level> next() {
        return switch (this) {
            case DEPUTY -> Optional.of(DIRECTOR);
            case DIRECTOR -> Optional.of(MUNICIPALITY);
            case MUNICIPALITY -> Optional.of(DEPARTMENT);
            case DEPARTMENT, TECHNICAL -> Optional.empty();
        };
    }

    /** True while the question still climbs by itself when this holder's time runs out. */
    public boolean climbs() {
        return next().isPresent();
    }
}
