package ru.supportgateway.web.ui;

import java.security.Principal;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import ru.supportgateway.desk.Desks;
import ru.supportgateway.operator.Operator;
import ru.supportgateway.operator.OperatorRepository;
import ru.supportgateway.operator.Role;

/**
 * The administrator's users: the list, adding one, editing one (full name, role, desks, phone extension),
 * disabling and enabling, and setting a new password. /admin/** is ADMIN only. An administrator cannot
 * disable or demote themselves: the gateway must never be left without anyone who can manage it.
 */
@Controller
class OperatorsPage {

    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{1,39}");
    /** Asterisk extensions as the dial string takes them ({@code Local/{ext}@agents/n}). */
    private static final Pattern EXTENSION = Pattern.compile("[0-9]{2,10}");
    static final int MIN_PASSWORD = 10;

    private final OperatorRepository operators;
    private final PasswordEncoder encoder;
    private final Desks desks;

    OperatorsPage(OperatorRepository operators, PasswordEncoder encoder, Desks desks) {
        this.operators = operators;
        this.encoder = encoder;
        this.desks = desks;
    }

    @GetMapping("/admin/operators")
    String list(Model model) {
        model.addAttribute("operators", operators.all());
        model.addAttribute("desks", desks.all());
        model.addAttribute("roles", Role.values());
        return "operators";
    }

    @PostMapping("/admin/operators")
    String create(@RequestParam String username, @RequestParam String fullName, @RequestParam String password,
                  @RequestParam Role role, @RequestParam(name = "desk", required = false) List<String> deskIds,
                  @RequestParam(required = false) String extension, RedirectAttributes flash) {
        String name = username.strip().toLowerCase();
        Operator operator = new Operator(name, fullName.strip(), role, true, chosen(deskIds), extension);
        String error = !USERNAME.matcher(name).matches()
                ? "Имя для входа: латинские буквы, цифры, точка, дефис или подчёркивание, от 2 до 40 символов."
                : password.length() < MIN_PASSWORD ? "Пароль должен быть не короче " + MIN_PASSWORD + " символов."
                : problem(operator);
        if (error == null && !operators.createIfAbsent(operator, encoder.encode(password))) {
            error = "Пользователь " + name + " уже есть.";
        }
        if (error != null) {
            flash.addFlashAttribute("error", error);
        } else {
            flash.addFlashAttribute("ok", "Пользователь " + name + " создан.");
        }
        return "redirect:/admin/operators";
    }

    @GetMapping("/admin/operators/{username}")
    String edit(@PathVariable String username, Model model) {
        model.addAttribute("o", find(username));
        model.addAttribute("desks", desks.all());
        return "operator-edit";
    }

    @PostMapping("/admin/operators/{username}")
    String update(Principal principal, @PathVariable String username, @RequestParam String fullName,
                  @RequestParam Role role, @RequestParam(name = "desk", required = false) List<String> deskIds,
                  @RequestParam(required = false) String extension, RedirectAttributes flash) {
        Operator current = find(username);
        Operator changed = new Operator(current.username(), fullName.strip(), role, current.enabled(), chosen(deskIds),
                extension);
        String error = self(principal, username) && role != Role.ADMIN
                ? "Нельзя снять роль администратора с самого себя: попросите другого администратора."
                : problem(changed);
        if (error == null) {
            operators.update(changed);
            flash.addFlashAttribute("ok", "Изменения пользователя " + username + " сохранены.");
        } else {
            flash.addFlashAttribute("error", error);
        }
        return "redirect:/admin/operators/" + username;
    }

    @PostMapping("/admin/operators/{username}/enabled")
    String enable(Principal principal, @PathVariable String username, @RequestParam boolean enabled,
                  RedirectAttributes flash) {
        find(username);
        if (!enabled && self(principal, username)) {
            flash.addFlashAttribute("error", "Нельзя отключить самого себя.");
        } else {
            operators.setEnabled(username, enabled);
            // A disabled user's open session loses access at its next request: DeskAccess reads the flag each time.
            flash.addFlashAttribute("ok", "Пользователь " + username + (enabled ? " включён." : " отключён: войти он больше не сможет."));
        }
        return "redirect:/admin/operators/" + username;
    }

    @PostMapping("/admin/operators/{username}/password")
    String password(@PathVariable String username, @RequestParam String password, RedirectAttributes flash) {
        find(username);
        if (password.length() < MIN_PASSWORD) {
            flash.addFlashAttribute("error", "Пароль должен быть не короче " + MIN_PASSWORD + " символов.");
        } else {
            operators.setPasswordHash(username, encoder.encode(password));
            flash.addFlashAttribute("ok", "Новый пароль пользователя " + username + " сохранён. Сообщите его лично.");
        }
        return "redirect:/admin/operators/" + username;
    }

    /** What is wrong with an operator's desks and extension, in Russian; null when nothing. */
    private String problem(Operator o) {
        if (!o.desks().stream().allMatch(d -> desks.find(d).isPresent())) {
            return "Неизвестная служба.";
        }
        if (o.role() != Role.ADMIN && o.desks().isEmpty()) {
            return "Укажите хотя бы одну службу.";
        }
        if (o.extension() != null && !EXTENSION.matcher(o.extension()).matches()) {
            return "Внутренний номер: от 2 до 10 цифр.";
        }
        if (o.extension() != null) {
            return operators.extensionHolder(o.extension(), o.username())
                    .map(other -> "Внутренний номер " + o.extension() + " уже у пользователя " + other + ".")
                    .orElse(null);
        }
        return null;
    }

    private Operator find(String username) {
        return operators.find(username).orElseThrow(() -> new PageNotFoundException("Пользователя " + username + " нет."));
    }

    private static boolean self(Principal principal, String username) {
        return principal != null && principal.getName().equals(username);
    }

    private static Set<String> chosen(List<String> deskIds) {
        return deskIds == null ? Set.of() : Set.copyOf(deskIds);
    }
}
