package ru.supportgateway.operator;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

@Repository
public class OperatorRepository {

    private final JdbcClient jdbc;

    public OperatorRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public boolean exists(String username) {
        return jdbc.sql("SELECT count(*) FROM operator WHERE username = ?").param(username)
                .query(Integer.class).single() > 0;
    }

    /** Creates the operator unless one with that name exists; returns whether it was created. */
    @Transactional
    public boolean createIfAbsent(Operator operator, String passwordHash) {
        int rows = jdbc.sql("""
                INSERT INTO operator (username, full_name, password_hash, role, enabled, extension)
                VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (username) DO NOTHING""")
                .params(operator.username(), operator.fullName(), passwordHash, operator.role().name(), operator.enabled(),
                        operator.extension())
                .update();
        if (rows == 1) {
            for (String desk : operator.desks()) {
                jdbc.sql("INSERT INTO operator_desk (username, desk_id) VALUES (?, ?)")
                        .params(operator.username(), desk).update();
            }
        }
        return rows == 1;
    }

    public Optional<Operator> find(String username) {
        return credentials(username).map(Credentials::operator);
    }

    /** Every operator with their desks, by name: one query, for the administrator's list. */
    public List<Operator> all() {
        return jdbc.sql("""
                SELECT o.username, o.full_name, o.role, o.enabled, o.extension,
                       coalesce(array_agg(d.desk_id ORDER BY d.desk_id) FILTER (WHERE d.desk_id IS NOT NULL), '{}') AS desks
                  FROM operator o LEFT JOIN operator_desk d ON d.username = o.username
                 GROUP BY o.username ORDER BY o.username""")
                .query((rs, n) -> new Operator(rs.getString("username"), rs.getString("full_name"),
                        Role.valueOf(rs.getString("role")), rs.getBoolean("enabled"),
                        Set.of((String[]) rs.getArray("desks").getArray()), rs.getString("extension")))
                .list();
    }

    /** Saves the administrator's changes: name, role, extension and desks (replaced as a whole). */
    @Transactional
    public boolean update(Operator operator) {
        int rows = jdbc.sql("UPDATE operator SET full_name = ?, role = ?, extension = ? WHERE username = ?")
                .params(operator.fullName(), operator.role().name(), operator.extension(), operator.username()).update();
        if (rows == 1) {
            jdbc.sql("DELETE FROM operator_desk WHERE username = ?").param(operator.username()).update();
            for (String desk : operator.desks()) {
                jdbc.sql("INSERT INTO operator_desk (username, desk_id) VALUES (?, ?)")
                        .params(operator.username(), desk).update();
            }
        }
        return rows == 1;
    }

    public boolean setEnabled(String username, boolean enabled) {
        return jdbc.sql("UPDATE operator SET enabled = ? WHERE username = ?").params(enabled, username).update() == 1;
    }

    public boolean setPasswordHash(String username, String passwordHash) {
        return jdbc.sql("UPDATE operator SET password_hash = ? WHERE username = ?").params(passwordHash, username)
                .update() == 1;
    }

    /** Who else has this phone extension (calls are matched to operators by it, so it must be one person's). */
    public Optional<String> extensionHolder(String extension, String except) {
        return jdbc.sql("SELECT username FROM operator WHERE extension = ? AND username <> ? ORDER BY username LIMIT 1")
                .params(extension, except).query(String.class).optional();
    }

    Optional<Credentials> credentials(String username) {
        return jdbc.sql("SELECT username, full_name, password_hash, role, enabled, extension FROM operator WHERE username = ?")
                .param(username)
                .query((rs, n) -> new Credentials(new Operator(rs.getString("username"), rs.getString("full_name"),
                        Role.valueOf(rs.getString("role")), rs.getBoolean("enabled"), desksOf(rs.getString("username")),
                        rs.getString("extension")),
                        rs.getString("password_hash")))
                .optional();
    }

    private Set<String> desksOf(String username) {
        return new HashSet<>(jdbc.sql("SELECT desk_id FROM operator_desk WHERE username = ?").param(username)
                .query(String.class).list());
    }

    record Credentials(Operator operator, String passwordHash) {
    }
}
