package ru.supportgateway.feedback;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Imports the directory from CSV (UTF-8, with or without BOM; ';' or ',' as separator, as the header
 * line uses; fields may be quoted with '"'). The header names the columns, in any order:
 *
 * <pre>
 * kind;code;name;parent_code;email;desk_id;deputy_name;deputy_email;director_name;director_email;responsible_name;responsible_email
 * </pre>
 *
 * {@code kind} is REGION, MUNICIPALITY, SCHOOL or DESK (or департамент, муниципалитет, школа, служба);
 * {@code code} is the key: a row with a known code updates that organisation. A school needs
 * {@code parent_code} (its municipality, in the file or already in the directory) and its deputy head
 * and director; a municipality or region its responsible person. The file is checked whole first: if
 * any line is wrong nothing is imported, and every wrong line is reported by number.
 */
@Service
public class DirectoryCsv {

    static final List<String> COLUMNS = List.of("kind", "code", "name", "parent_code", "email", "desk_id",
            "deputy_name", "deputy_email", "director_name", "director_email", "responsible_name", "responsible_email");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Map<String, OrgKind> KINDS = Map.of(
            "region", OrgKind.REGION, "департамент", OrgKind.REGION,
            "municipality", OrgKind.MUNICIPALITY, "муниципалитет", OrgKind.MUNICIPALITY, "моуо", OrgKind.MUNICIPALITY,
            "school", OrgKind.SCHOOL, "школа", OrgKind.SCHOOL,
            "desk", OrgKind.DESK, "служба", OrgKind.DESK);

    private final Directory directory;

    public DirectoryCsv(Directory directory) {
        this.directory = directory;
    }

    /** The outcome: how many organisations were created and updated, or the errors (then nothing changed). */
    public record Result(int created, int updated, List<String> errors) {
        public Result {
            errors = List.copyOf(errors);
        }

        public boolean ok() {
            return errors.isEmpty();
        }
    }

    private record Row(int line, OrgKind kind, String code, String name, String parentCode, String email,
                       String deskId, Map<PersonRole, Organisation.Person> people) {
    }

    @Transactional
    public Result importCsv(byte[] bytes) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return new Result(0, 0, List.of("Файл не в кодировке UTF-8: сохраните его как «CSV UTF-8» и загрузите снова."));
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<String> lines = text.lines().toList();
        if (lines.isEmpty() || lines.get(0).isBlank()) {
            return new Result(0, 0, List.of("Файл пуст: в первой строке должны быть названия столбцов."));
        }
        String header = lines.get(0);
        char sep = header.chars().filter(c -> c == ';').count() >= header.chars().filter(c -> c == ',').count() ? ';' : ',';
        List<String> names = split(header, sep).stream().map(s -> s.strip().toLowerCase(Locale.ROOT)).toList();
        List<String> errors = new ArrayList<>();
        for (String required : List.of("kind", "code", "name")) {
            if (!names.contains(required)) {
                errors.add("Строка 1: нет столбца «%s». Столбцы: %s.".formatted(required, String.join(String.valueOf(sep), COLUMNS)));
            }
        }
        for (String n : names) {
            if (!COLUMNS.contains(n)) {
                errors.add("Строка 1: неизвестный столбец «%s».".formatted(n));
            }
        }
        if (!errors.isEmpty()) {
            return new Result(0, 0, errors);
        }

        List<Row> rows = new ArrayList<>();
        Map<String, Integer> codesInFile = new HashMap<>();
        Map<String, OrgKind> kindByCode = new HashMap<>();
        for (int i = 1; i < lines.size(); i++) {
            int lineNo = i + 1;
            if (lines.get(i).isBlank()) {
                continue;
            }
            List<String> cells = split(lines.get(i), sep);
            if (cells.size() > names.size()) {
                errors.add("Строка %d: %d значений, а столбцов %d (лишний разделитель «%s»?).".formatted(lineNo, cells.size(), names.size(), sep));
                continue;
            }
            Map<String, String> v = new HashMap<>();
            for (int c = 0; c < names.size(); c++) {
                v.put(names.get(c), c < cells.size() ? cells.get(c).strip() : "");
            }
            List<String> lineErrors = new ArrayList<>();
            OrgKind kind = KINDS.get(v.get("kind").toLowerCase(Locale.ROOT));
            if (kind == null) {
                kind = Optional.of(v.get("kind").toUpperCase(Locale.ROOT)).filter(k -> List.of("REGION", "MUNICIPALITY", "SCHOOL", "DESK").contains(k))
                        .map(OrgKind::valueOf).orElse(null);
            }
            if (kind == null) {
                lineErrors.add("неизвестный вид организации «%s» (REGION, MUNICIPALITY, SCHOOL или DESK)".formatted(v.get("kind")));
            }
            String code = v.get("code");
            if (code.isEmpty()) {
                lineErrors.add("не указан код (code)");
            } else if (codesInFile.containsKey(code)) {
                lineErrors.add("код «%s» уже встречался в строке %d".formatted(code, codesInFile.get(code)));
            }
            if (v.get("name").isEmpty()) {
                lineErrors.add("не указано название (name)");
            }
            String email = v.getOrDefault("email", "");
            if (!email.isEmpty() && !EMAIL.matcher(email).matches()) {
                lineErrors.add("неверный адрес email «%s»".formatted(email));
            }
            Map<PersonRole, Organisation.Person> people = new EnumMap<>(PersonRole.class);
            if (kind != null) {
                for (PersonRole role : PersonRole.of(kind)) {
                    String prefix = role.name().toLowerCase(Locale.ROOT);
                    String personName = v.getOrDefault(prefix + "_name", "");
                    String personEmail = v.getOrDefault(prefix + "_email", "");
                    if (personName.isEmpty() && personEmail.isEmpty()) {
                        if (kind != OrgKind.DESK) {
                            lineErrors.add("не указан %s (%s_name, %s_email)".formatted(role.label().toLowerCase(Locale.ROOT), prefix, prefix));
                        }
                        continue;
                    }
                    if (personName.isEmpty()) {
                        lineErrors.add("не указано имя: %s_name".formatted(prefix));
                    }
                    if (!EMAIL.matcher(personEmail).matches()) {
                        lineErrors.add("неверный или пустой адрес %s_email «%s»".formatted(prefix, personEmail));
                    }
                    people.put(role, new Organisation.Person(personName, personEmail));
                }
                if (kind == OrgKind.SCHOOL && v.getOrDefault("parent_code", "").isEmpty()) {
                    lineErrors.add("для школы нужен parent_code — код муниципального органа управления образованием");
                }
            }
            if (!code.isEmpty()) {
                codesInFile.putIfAbsent(code, lineNo);
            }
            if (lineErrors.isEmpty()) {
                kindByCode.put(code, kind);
                rows.add(new Row(lineNo, kind, code, v.get("name"), v.getOrDefault("parent_code", ""), email,
                        v.getOrDefault("desk_id", ""), people));
            } else {
                errors.add("Строка %d: %s.".formatted(lineNo, String.join("; ", lineErrors)));
            }
        }
        // Parents: in the file or in the directory, and of the right kind.
        for (Row r : rows) {
            if (r.parentCode().isEmpty()) {
                continue;
            }
            OrgKind parentKind = kindByCode.containsKey(r.parentCode()) ? kindByCode.get(r.parentCode())
                    : directory.findByCode(r.parentCode()).map(Organisation::kind).orElse(null);
            if (parentKind == null) {
                errors.add("Строка %d: вышестоящая организация с кодом «%s» не найдена ни в файле, ни в справочнике."
                        .formatted(r.line(), r.parentCode()));
            } else if (parentKind != r.kind().parentKind()) {
                errors.add("Строка %d: «%s» не может быть вышестоящей для вида %s.".formatted(r.line(), r.parentCode(), r.kind()));
            }
        }
        if (!errors.isEmpty()) {
            errors.sort(Comparator.comparingInt(DirectoryCsv::lineOf));
            return new Result(0, 0, errors);
        }
        int created = 0;
        int updated = 0;
        List<Row> ordered = new ArrayList<>(rows);
        ordered.sort(Comparator.comparingInt(r -> r.kind().ordinal()));
        Map<String, Long> ids = new LinkedHashMap<>();
        for (Row r : ordered) {
            Optional<Organisation> existing = directory.findByCode(r.code());
            Long parentId = r.parentCode().isEmpty() ? null
                    : ids.computeIfAbsent(r.parentCode(), c -> directory.findByCode(c).map(Organisation::id).orElseThrow());
            Organisation saved = directory.save(new Organisation(existing.map(Organisation::id).orElse(null), r.code(),
                    r.kind(), r.name(), parentId, blankToNull(r.email()), blankToNull(r.deskId()), r.people()));
            ids.put(r.code(), saved.id());
            if (existing.isPresent()) {
                updated++;
            } else {
                created++;
            }
        }
        return new Result(created, updated, List.of());
    }

    private static int lineOf(String error) {
        String digits = error.replaceAll("^Строка (\\d+):.*$", "$1");
        return digits.chars().allMatch(Character::isDigit) && !digits.isEmpty() ? Integer.parseInt(digits) : 0;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /** One CSV line: separator outside quotes splits; "" inside quotes is a quote. */
    static List<String> split(String line, char sep) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == sep) {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString());
        return cells;
    }
}
