package ru.supportgateway.feedback;

import java.util.Map;

import org.springframework.lang.Nullable;

/**
 * An organisation of the feedback directory with its responsible people.
 *
 * @param id       null before it is saved
 * @param parentId a school's municipality, a municipality's region
 * @param email    the organisation's own address (e.g. a school's feedback mailbox)
 * @param deskId   for a desk: the gateway desk whose journal it is
 */
public record Organisation(@Nullable Long id, String code, OrgKind kind, String name, @Nullable Long parentId,
                           @Nullable String email, @Nullable String deskId, Map<PersonRole, Person> people) {

    public Organisation {
        people = Map.copyOf(people);
    }

    /** A responsible person. */
    public record Person(String fullName, String email) {
    }

    public @Nullable Person person(PersonRole role) {
        return people.get(role);
    }
}
