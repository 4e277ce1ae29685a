package ru.supportgateway.operator;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Creates the administrator {@code admin} on the first start. The password comes from
 * {@code GATEWAY_ADMIN_PASSWORD}; without it a random one is generated and printed once,
 * since it cannot be recovered later (only its hash is stored).
 */
@Component
public class AdminBootstrap implements ApplicationRunner {

    public static final String ADMIN = "admin";
    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

    private final OperatorRepository operators;
    private final PasswordEncoder encoder;
    private final String configuredPassword;

    public AdminBootstrap(OperatorRepository operators, PasswordEncoder encoder,
                          @Value("${GATEWAY_ADMIN_PASSWORD:}") String configuredPassword) {
        this.operators = operators;
        this.encoder = encoder;
        this.configuredPassword = configuredPassword;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (operators.exists(ADMIN)) {
            return;
        }
        boolean generated = configuredPassword.isBlank();
        String password = generated ? randomPassword() : configuredPassword;
        Operator admin = new Operator(ADMIN, "Администратор", Role.ADMIN, true, Set.of());
        if (operators.createIfAbsent(admin, encoder.encode(password)) && generated) {
            // Printed once on purpose: this is the only moment the password exists in clear.
            log.warn("Created administrator '{}' with generated password: {}  (set GATEWAY_ADMIN_PASSWORD to choose one)",
                    ADMIN, password);
        } else if (!generated) {
            log.info("Created administrator '{}' with the password from GATEWAY_ADMIN_PASSWORD", ADMIN);
        }
    }

    private static String randomPassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
