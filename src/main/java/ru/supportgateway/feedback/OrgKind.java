package ru.supportgateway.feedback;

/** Kinds of organisation in the feedback directory, top to bottom. */
public enum OrgKind {
    REGION("Департамент (регион)"),
    MUNICIPALITY("Муниципальный орган управления образованием"),
    SCHOOL("Школа"),
    DESK("Служба поддержки");

    private final String label;

    OrgKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The kind a parent of this kind must have; null when it has none. */
    public OrgKind parentKind() {
        return switch (this) {
            case SCHOOL -> MUNICIPALITY;
            case MUNICIPALITY -> REGION;
            case REGION, DESK -> null;
        };
    }
}
