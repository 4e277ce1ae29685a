package ru.supportgateway.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.authentication.www.BasicAuthenticationEntryPoint;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;

import ru.supportgateway.operator.Role;

/**
 * Everything needs a login except the health probe, the applicants' status pages and the feedback
 * service's public pages and API. Scripts use HTTP Basic on {@code /api/**}; people use the form login and its session. CSRF protection applies to every session request;
 * a request that carries its own Authorization header cannot be forged cross-site, so it is exempt.
 */
@Configuration
public class SecurityConfig {

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; media-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
            + "frame-ancestors 'none'";

    @Bean
    SecurityFilterChain gatewaySecurity(HttpSecurity http) throws Exception {
        BasicAuthenticationEntryPoint basic = new BasicAuthenticationEntryPoint();
        basic.setRealmName("Support Gateway");
        http
            .authorizeHttpRequests(auth -> auth
                .requestMatchers("/actuator/health", "/actuator/health/**", "/login", "/error",
                        "/css/**", "/js/**", "/webjars/**", "/favicon.ico").permitAll()
                // The applicant's status page: no login, the unguessable token in the path is the key.
                .requestMatchers("/status/**").permitAll()
                // The feedback service: its directory is the administrator's; parents' form, status page,
                // holders' answer links and the apps' API need no login (the links carry their own secret).
                .requestMatchers("/feedback/admin/**").hasRole(Role.ADMIN.name())
                .requestMatchers("/feedback", "/feedback/sent", "/feedback/status/**", "/feedback/answer/**",
                        "/api/public/**").permitAll()
                .requestMatchers("/actuator/**", "/admin/**").hasRole(Role.ADMIN.name())
                .anyRequest().authenticated())
            .httpBasic(b -> b.authenticationEntryPoint(basic))
            .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/journal").permitAll())
            // The cookie goes too: a later visit is a fresh start, not a "session expired".
            .logout(logout -> logout.logoutSuccessUrl("/login?logout").deleteCookies("JSESSIONID"))
            .requestCache(cache -> cache.requestCache(pagesOnlyRequestCache()))
            .headers(headers -> headers
                // No inline script or style anywhere in the UI, so a mail's HTML that slipped past the sanitiser
                // still cannot run; mail HTML is also shown in a sandboxed iframe (srcdoc inherits this policy).
                .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                // Status links carry their token in the path: never send it on to another site.
                .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER)))
            // The public API has no session or cookie to forge with; the public form keeps its CSRF token.
            .csrf(csrf -> csrf.ignoringRequestMatchers(request -> request.getHeader("Authorization") != null)
                .ignoringRequestMatchers(PathPatternRequestMatcher.withDefaults().matcher("/api/public/**")))
            .exceptionHandling(ex -> ex
                .defaultAuthenticationEntryPointFor(basic, PathPatternRequestMatcher.withDefaults().matcher("/api/**"))
                .defaultAuthenticationEntryPointFor(new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED),
                        PathPatternRequestMatcher.withDefaults().matcher("/actuator/**"))
                // Pages: the login form, «Сеанс истёк» for a session that ran out, HX-Redirect for htmx polls.
                .defaultAuthenticationEntryPointFor(new SessionExpiredEntryPoint(), AnyRequestMatcher.INSTANCE));
        return http.build();
    }

    /**
     * After logging in, back to the page that asked for it; never to a poll's fragment (an htmx request) or
     * an API call, which would show a bare piece of page or JSON instead of the journal.
     */
    private static HttpSessionRequestCache pagesOnlyRequestCache() {
        HttpSessionRequestCache cache = new HttpSessionRequestCache();
        cache.setRequestMatcher(request -> "GET".equals(request.getMethod())
                && !SessionExpiredEntryPoint.isHtmx(request)
                && !request.getRequestURI().startsWith(request.getContextPath() + "/api/")
                && !request.getRequestURI().startsWith(request.getContextPath() + "/actuator/")
                && !request.getRequestURI().endsWith("/favicon.ico"));
        return cache;
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        // Delegating encoder: bcrypt today, with the algorithm id stored so hashes can be upgraded later.
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }
}
