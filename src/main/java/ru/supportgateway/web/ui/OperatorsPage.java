package ru.supportgateway.web.ui;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import ru.supportgateway.desk.Desks;
import ru.supportgateway.operator.Operator;
import ru.supportgateway.operator.OperatorRepository;
import ru.supportgateway.operator.Role;

/** The administrator's list of users and the form to add one (role and desks). /admin/** is ADMIN only. */
@Controller
class OperatorsPage {

    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{1,39}");
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
                  RedirectAttributes flash) {
        String name = username.strip().toLowerCase();
        Set<String> chosen = deskIds == null ? Set.of() : Set.copyOf(deskIds);
        String error = !USERNAME.matcher(name).matches()
                ? "Имя для входа: латинские буквы, цифры, точка, дефис или подчёркивание, от 2 до 40 символов."
                : password.length() < MIN_PASSWORD ? "Пароль должен быть не короче " + MIN_PASSWORD + " символов."
                : !chosen.stream().allMatch(d -> desks.find(d).isPresent()) ? "Неизвестная служба."
                : role != Role.ADMIN && chosen.isEmpty() ? "Укажите хотя бы одну службу."
                : null;
        if (error == null && !operators.createIfAbsent(new Operator(name, fullName.strip(), role, true, chosen),
                encoder.encode(password))) {
            error = "Пользователь " + name + " уже есть.";
        }
        if (error != null) {
            flash.addFlashAttribute("error", error);
        } else {
            flash.addFlashAttribute("ok", "Пользователь " + name + " создан.");
        }
        return "redirect:/admin/operators";
    }
}
