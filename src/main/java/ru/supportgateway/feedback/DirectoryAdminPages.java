package ru.supportgateway.feedback;

import java.io.IOException;
import java.util.EnumMap;
import java.util.Map;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The administrator's pages of the feedback directory ({@code /feedback/admin/**}, ADMIN role, see
 * SecurityConfig): the list, create/edit of one organisation with its responsible people, CSV import.
 */
@Controller
public class DirectoryAdminPages {

    private final Directory directory;
    private final DirectoryCsv csv;

    public DirectoryAdminPages(Directory directory, DirectoryCsv csv) {
        this.directory = directory;
        this.csv = csv;
    }

    /** The edit form's fields. */
    public record OrgForm(Long id, OrgKind kind, String code, String name, Long parentId, String email, String deskId,
                          String deputyName, String deputyEmail, String directorName, String directorEmail,
                          String responsibleName, String responsibleEmail) {

        static OrgForm of(Organisation o) {
            Organisation.Person d = o.person(PersonRole.DEPUTY);
            Organisation.Person r = o.person(PersonRole.DIRECTOR);
            Organisation.Person s = o.person(PersonRole.RESPONSIBLE);
            return new OrgForm(o.id(), o.kind(), o.code(), o.name(), o.parentId(), o.email(), o.deskId(),
                    d == null ? "" : d.fullName(), d == null ? "" : d.email(), r == null ? "" : r.fullName(),
                    r == null ? "" : r.email(), s == null ? "" : s.fullName(), s == null ? "" : s.email());
        }
    }

    @GetMapping("/feedback/admin/orgs")
    public String list(Model model) {
        model.addAttribute("orgs", directory.all());
        model.addAttribute("names", names());
        model.addAttribute("columns", String.join(";", DirectoryCsv.COLUMNS));
        return "feedback/admin-orgs";
    }

    @GetMapping("/feedback/admin/orgs/new")
    public String create(@RequestParam(defaultValue = "SCHOOL") OrgKind kind, Model model) {
        return editPage(model, new OrgForm(null, kind, "", "", null, "", "", "", "", "", "", "", ""), null);
    }

    @GetMapping("/feedback/admin/orgs/{id}")
    public String edit(@PathVariable long id, Model model) {
        return directory.find(id).map(o -> editPage(model, OrgForm.of(o), null)).orElse("redirect:/feedback/admin/orgs");
    }

    @PostMapping("/feedback/admin/orgs")
    public String save(OrgForm form, Model model, RedirectAttributes redirect) {
        String error = check(form);
        if (error == null) {
            Map<PersonRole, Organisation.Person> people = new EnumMap<>(PersonRole.class);
            person(people, PersonRole.DEPUTY, form.deputyName(), form.deputyEmail());
            person(people, PersonRole.DIRECTOR, form.directorName(), form.directorEmail());
            person(people, PersonRole.RESPONSIBLE, form.responsibleName(), form.responsibleEmail());
            people.keySet().retainAll(PersonRole.of(form.kind()));
            try {
                Organisation saved = directory.save(new Organisation(form.id(), form.code().strip(), form.kind(),
                        form.name().strip(), form.parentId(), blank(form.email()), blank(form.deskId()), people));
                redirect.addFlashAttribute("message", "Сохранено: " + saved.name());
                return "redirect:/feedback/admin/orgs";
            } catch (IllegalArgumentException e) {
                error = e.getMessage();
            }
        }
        return editPage(model, form, error);
    }

    @PostMapping("/feedback/admin/orgs/import")
    public String importCsv(@RequestParam("file") MultipartFile file, RedirectAttributes redirect) throws IOException {
        if (file.isEmpty()) {
            redirect.addFlashAttribute("importErrors", java.util.List.of("Выберите файл CSV."));
            return "redirect:/feedback/admin/orgs";
        }
        DirectoryCsv.Result result = csv.importCsv(file.getBytes());
        if (result.ok()) {
            redirect.addFlashAttribute("message", "Импорт выполнен: добавлено %d, обновлено %d."
                    .formatted(result.created(), result.updated()));
        } else {
            redirect.addFlashAttribute("importErrors", result.errors());
        }
        return "redirect:/feedback/admin/orgs";
    }

    private String editPage(Model model, OrgForm form, String error) {
        model.addAttribute("org", form);
        model.addAttribute("kinds", OrgKind.values());
        model.addAttribute("parents", form.kind().parentKind() == null ? java.util.List.of()
                : directory.ofKind(form.kind().parentKind()));
        model.addAttribute("roles", PersonRole.of(form.kind()));
        if (error != null) {
            model.addAttribute("error", error);
        }
        return "feedback/admin-org";
    }

    private static String check(OrgForm f) {
        if (f.kind() == null) {
            return "Укажите вид организации.";
        }
        if (f.code() == null || f.code().isBlank() || f.name() == null || f.name().isBlank()) {
            return "Укажите код и название.";
        }
        for (PersonRole role : PersonRole.of(f.kind())) {
            String[] p = switch (role) {
                case DEPUTY -> new String[] {f.deputyName(), f.deputyEmail()};
                case DIRECTOR -> new String[] {f.directorName(), f.directorEmail()};
                case RESPONSIBLE -> new String[] {f.responsibleName(), f.responsibleEmail()};
            };
            boolean hasName = p[0] != null && !p[0].isBlank();
            boolean hasEmail = p[1] != null && !p[1].isBlank();
            if (f.kind() != OrgKind.DESK && (!hasName || !hasEmail)) {
                return "Укажите имя и email: " + role.label() + ".";
            }
            if (hasEmail && !p[1].strip().matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
                return "Неверный email: " + role.label() + ".";
            }
        }
        return null;
    }

    private static void person(Map<PersonRole, Organisation.Person> people, PersonRole role, String name, String email) {
        if (name != null && !name.isBlank() && email != null && !email.isBlank()) {
            people.put(role, new Organisation.Person(name.strip(), email.strip()));
        }
    }

    private Map<Long, String> names() {
        Map<Long, String> names = new java.util.HashMap<>();
        directory.all().forEach(o -> names.put(o.id(), o.name()));
        return names;
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
