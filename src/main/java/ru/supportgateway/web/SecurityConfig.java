package ru.supportgateway.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.authentication.www.BasicAuthenticationEntryPoint;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

import ru.supportgateway.operator.Role;

/**
 * Everything needs a login except the health probe and the feedback service's public pages and API. Scripts use HTTP Basic on {@code /api/**};
 * people use the form login and its session. CSRF protection applies to every session request;
 * a request that carries its own Authorization header cannot be forged cross-site, so it is exempt.
 */
@Configuration
public class SecurityConfig {

    @Bean
    SecurityFilterChain gatewaySecurity(HttpSecurity http) throws Exception {
        BasicAuthenticationEntryPoint basic = new BasicAuthenticationEntryPoint();
        basic.setRealmName("Support Gateway");
        http
            .authorizeHttpRequests(auth -> auth
                .requestMatchers("/actuator/health", "/actuator/health/**", "/login", "/error",
                        "/css/**", "/js/**", "/favicon.ico").permitAll()
                .requestMatchers("/actuator/**").hasRole(Role.ADMIN.name())
                // The feedback service: its directory is the administrator's; parents' form, status page,
                // holders' answer links and the apps' API need no login (the links carry their own secret).
                .requestMatchers("/feedback/admin/**").hasRole(Role.ADMIN.name())
                .requestMatchers("/feedback", "/feedback/sent", "/feedback/status/**", "/feedback/answer/**",
                        "/api/public/**").permitAll()
                .anyRequest().authenticated())
            .httpBasic(b -> b.authenticationEntryPoint(basic))
            .formLogin(Customizer.withDefaults())
            .logout(Customizer.withDefaults())
            // The public API has no session or cookie to forge with; the public form keeps its CSRF token.
            .csrf(csrf -> csrf.ignoringRequestMatchers(request -> request.getHeader("Authorization") != null)
                .ignoringRequestMatchers(PathPatternRequestMatcher.withDefaults().matcher("/api/public/**")))
            .exceptionHandling(ex -> ex
                .defaultAuthenticationEntryPointFor(basic, PathPatternRequestMatcher.withDefaults().matcher("/api/**"))
                .defaultAuthenticationEntryPointFor(new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED),
                        PathPatternRequestMatcher.withDefaults().matcher("/actuator/**")));
        return http.build();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        // Delegating encoder: bcrypt today, with the algorithm id stored so hashes can be upgraded later.
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }
}
