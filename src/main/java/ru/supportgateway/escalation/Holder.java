package ru.supportgateway.escalation;

/**
 * The person who answers for a question at one level: the school's deputy head or director, the
 * municipality's or the department's responsible person. Not a gateway operator: they answer through
 * a link in their mail.
 *
 * @param orgId        the organisation in the feedback directory
 * @param organisation its name, for the mail
 */
public record Holder(Level level, long orgId, String organisation, String name, String email) {
}
