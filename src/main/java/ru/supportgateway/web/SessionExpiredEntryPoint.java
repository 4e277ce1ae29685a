package ru.supportgateway.web;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;

/**
 * Where a person without a valid session is sent. A page goes to the login form, with «Сеанс истёк» when
 * the browser still presented a session the server no longer has (30 minutes idle, or a restart). An htmx
 * request (the journal's and the queue's polling) gets 401 with {@code HX-Redirect}: htmx then loads the
 * login page as a whole page instead of swapping the login form into the journal's table.
 */
final class SessionExpiredEntryPoint implements AuthenticationEntryPoint {

    static final String EXPIRED = "/login?expired";

    private final LoginUrlAuthenticationEntryPoint login = new LoginUrlAuthenticationEntryPoint("/login");

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException, jakarta.servlet.ServletException {
        boolean expired = request.getRequestedSessionId() != null && !request.isRequestedSessionIdValid();
        if (isHtmx(request)) {
            response.setHeader("HX-Redirect", request.getContextPath() + (expired ? EXPIRED : "/login"));
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            return;
        }
        if (expired) {
            response.sendRedirect(request.getContextPath() + EXPIRED);
            return;
        }
        login.commence(request, response, e);
    }

    static boolean isHtmx(HttpServletRequest request) {
        return "true".equals(request.getHeader("HX-Request"));
    }
}
