package ru.supportgateway.feedback;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import ru.supportgateway.escalation.Holder;
import ru.supportgateway.escalation.Holders;
import ru.supportgateway.escalation.Level;

/**
 * The feedback directory: organisations and their responsible people, and who holds a school's
 * question at each level of the chain.
 */
@Repository
public class Directory implements Holders {

    private final JdbcClient jdbc;
    private final Clock clock;

    public Directory(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public List<Organisation> all() {
        return withPeople(jdbc.sql("SELECT id, code, kind, name, parent_id, email, desk_id FROM feedback_org ORDER BY kind, name, id")
                .query(Directory::org).list());
    }

    public List<Organisation> ofKind(OrgKind kind) {
        return withPeople(jdbc.sql("SELECT id, code, kind, name, parent_id, email, desk_id FROM feedback_org WHERE kind = ? ORDER BY name, id")
                .param(kind.name()).query(Directory::org).list());
    }

    public Optional<Organisation> find(long id) {
        return jdbc.sql("SELECT id, code, kind, name, parent_id, email, desk_id FROM feedback_org WHERE id = ?")
                .param(id).query(Directory::org).optional().map(o -> withPeople(List.of(o)).get(0));
    }

    public Optional<Organisation> findByCode(String code) {
        return jdbc.sql("SELECT id FROM feedback_org WHERE code = ?").param(code).query(Long.class).optional()
                .flatMap(this::find);
    }

    /**
     * Creates the organisation (id null) or replaces it and its people (id set); checks that the parent
     * is of the right kind.
     *
     * @throws IllegalArgumentException with a Russian message when it does not fit the directory
     */
    @Transactional
    public Organisation save(Organisation o) {
        OrgKind parentKind = o.kind().parentKind();
        if (o.parentId() != null) {
            Organisation parent = find(o.parentId()).orElseThrow(() ->
                    new IllegalArgumentException("Вышестоящая организация не найдена."));
            if (parent.kind() != parentKind) {
                throw new IllegalArgumentException("Вышестоящей для «%s» может быть только: %s."
                        .formatted(o.kind().label(), parentKind == null ? "нет" : parentKind.label()));
            }
        } else if (o.kind() == OrgKind.SCHOOL) {
            throw new IllegalArgumentException("Школа должна относиться к муниципальному органу управления образованием.");
        }
        Optional<Long> sameCode = jdbc.sql("SELECT id FROM feedback_org WHERE code = ?").param(o.code()).query(Long.class).optional();
        if (sameCode.isPresent() && !sameCode.get().equals(o.id())) {
            throw new IllegalArgumentException("Код «%s» уже занят другой организацией.".formatted(o.code()));
        }
        Timestamp now = Timestamp.from(clock.instant());
        long id;
        if (o.id() == null) {
            id = jdbc.sql("""
                    INSERT INTO feedback_org (code, kind, name, parent_id, email, desk_id, created_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""")
                    .params(o.code(), o.kind().name(), o.name(), o.parentId(), o.email(), o.deskId(), now, now)
                    .query(Long.class).single();
        } else {
            id = o.id();
            int rows = jdbc.sql("""
                    UPDATE feedback_org SET code = ?, kind = ?, name = ?, parent_id = ?, email = ?, desk_id = ?, updated_at = ?
                     WHERE id = ?""")
                    .params(o.code(), o.kind().name(), o.name(), o.parentId(), o.email(), o.deskId(), now, id).update();
            if (rows == 0) {
                throw new IllegalArgumentException("Организация не найдена.");
            }
            jdbc.sql("DELETE FROM feedback_person WHERE org_id = ?").param(id).update();
        }
        for (Map.Entry<PersonRole, Organisation.Person> p : o.people().entrySet()) {
            jdbc.sql("INSERT INTO feedback_person (org_id, role, full_name, email) VALUES (?, ?, ?, ?)")
                    .params(id, p.getKey().name(), p.getValue().fullName(), p.getValue().email()).update();
        }
        return find(id).orElseThrow();
    }

    /**
     * The school whose feedback address is one of these (case-insensitive), for mail to the feedback desk.
     * The first address that names a school wins, so To comes before Cc when the caller lists them so.
     */
    public Optional<Organisation> schoolByEmail(List<String> addresses) {
        for (String a : addresses) {
            Optional<Organisation> school = jdbc.sql("""
                    SELECT id FROM feedback_org WHERE kind = 'SCHOOL' AND lower(email) = lower(?) ORDER BY id LIMIT 1""")
                    .param(a.strip()).query(Long.class).optional().flatMap(this::find);
            if (school.isPresent()) {
                return school;
            }
        }
        return Optional.empty();
    }

    @Override
    public Optional<Holder> holderFor(long schoolId, Level level) {
        Optional<Organisation> school = find(schoolId);
        if (school.isEmpty()) {
            return Optional.empty();
        }
        return switch (level) {
            case DEPUTY -> personOf(school.get(), PersonRole.DEPUTY, level);
            case DIRECTOR -> personOf(school.get(), PersonRole.DIRECTOR, level);
            case MUNICIPALITY -> parent(school.get()).flatMap(m -> personOf(m, PersonRole.RESPONSIBLE, level));
            case DEPARTMENT -> department(school.get()).flatMap(d -> personOf(d, PersonRole.RESPONSIBLE, level));
            case TECHNICAL -> Optional.empty();
        };
    }

    /** The regional department above a school (its municipality's region, else the only region). */
    public Optional<Organisation> department(Organisation school) {
        Optional<Organisation> viaTree = parent(school).flatMap(this::parent).filter(o -> o.kind() == OrgKind.REGION);
        return viaTree.isPresent() ? viaTree : ofKind(OrgKind.REGION).stream().findFirst();
    }

    private Optional<Organisation> parent(Organisation o) {
        return o.parentId() == null ? Optional.empty() : find(o.parentId());
    }

    private static Optional<Holder> personOf(Organisation o, PersonRole role, Level level) {
        Organisation.Person p = o.person(role);
        if (p == null || p.email() == null || p.email().isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new Holder(level, o.id(), o.name(), p.fullName(), p.email()));
    }

    private List<Organisation> withPeople(List<Organisation> orgs) {
        if (orgs.isEmpty()) {
            return orgs;
        }
        Map<Long, Map<PersonRole, Organisation.Person>> people = new LinkedHashMap<>();
        jdbc.sql("SELECT org_id, role, full_name, email FROM feedback_person WHERE org_id IN (:ids)")
                .param("ids", orgs.stream().map(Organisation::id).toList())
                .query(rs -> {
                    people.computeIfAbsent(rs.getLong("org_id"), k -> new EnumMap<>(PersonRole.class))
                            .put(PersonRole.valueOf(rs.getString("role")),
                                    new Organisation.Person(rs.getString("full_name"), rs.getString("email")));
                });
        return orgs.stream().map(o -> new Organisation(o.id(), o.code(), o.kind(), o.name(), o.parentId(), o.email(),
                o.deskId(), people.getOrDefault(o.id(), Map.of()))).toList();
    }

    private static Organisation org(ResultSet rs, int n) throws SQLException {
        long parentId = rs.getLong("parent_id");
        Long parent = rs.wasNull() ? null : parentId;
        return new Organisation(rs.getLong("id"), rs.getString("code"), OrgKind.valueOf(rs.getString("kind")),
                rs.getString("name"), parent, rs.getString("email"), rs.getString("desk_id"), Map.of());
    }
}
