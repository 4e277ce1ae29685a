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
 * Everything needs a login except the health probe. Scripts use HTTP Basic on {@code /api/**};
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
                .anyRequest().authenticated())
            .httpBasic(b -> b.authenticationEntryPoint(basic))
            .formLogin(Customizer.withDefaults())
            .logout(Customizer.withDefaults())
            .csrf(csrf -> csrf.ignoringRequestMatchers(request -> request.getHeader("Authorization") != null))
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
