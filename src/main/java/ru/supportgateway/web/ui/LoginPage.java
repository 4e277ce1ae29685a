package ru.supportgateway.web.ui;

import java.security.Principal;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The Russian login form (Spring Security processes its POST) and the start page. */
@Controller
class LoginPage {

    @GetMapping("/login")
    String login(Principal principal) {
        return principal != null ? "redirect:/journal" : "login";
    }

    @GetMapping("/")
    String home() {
        return "redirect:/journal";
    }
}
