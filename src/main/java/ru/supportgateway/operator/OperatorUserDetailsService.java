package ru.supportgateway.operator;

import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;

/** Lets Spring Security check operators' logins against the operator table. */
@Service
public class OperatorUserDetailsService implements UserDetailsService {

    private final OperatorRepository operators;

    public OperatorUserDetailsService(OperatorRepository operators) {
        this.operators = operators;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        OperatorRepository.Credentials c = operators.credentials(username)
                .orElseThrow(() -> new UsernameNotFoundException(username));
        return User.withUsername(c.operator().username())
                .password(c.passwordHash())
                .disabled(!c.operator().enabled())
                .authorities(new SimpleGrantedAuthority(c.operator().role().authority()))
                .build();
    }
}
