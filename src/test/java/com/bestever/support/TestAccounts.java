package com.bestever.support;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import com.bestever.admin.Account;
import com.bestever.admin.Accounts;
import com.bestever.admin.Role;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.stereotype.Component;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Newsroom accounts for tests: real rows in app_user with unique user names, and MockMvc
 * sign-ins as them. {@code mvc.perform(get("/admin").with(accounts.signedIn(Role.EDITOR)))}
 * gives the controller a real {@code SignedIn} principal (account id, name, role).
 */
@Component
public class TestAccounts {

    /** The password of every account made here. */
    public static final String PASSWORD = "a-test-password-of-length";

    private final Accounts accounts;
    private final UserDetailsService userDetails;

    TestAccounts(Accounts accounts, UserDetailsService userDetails) {
        this.accounts = accounts;
        this.userDetails = userDetails;
    }

    /** A new enabled account with this role and {@link #PASSWORD}. */
    public Account account(Role role) {
        String username = TestData.unique(role.name().toLowerCase());
        return accounts.create(username, "Test " + role.label() + " " + username, role, PASSWORD);
    }

    /** Signs the request in as a new account with this role. */
    public RequestPostProcessor signedIn(Role role) {
        return signedIn(account(role));
    }

    /** Signs the request in as the account with this user name, made with this role the first time it is asked for. */
    public RequestPostProcessor signedIn(String username, Role role) {
        Account account = accounts.findByUsername(username)
                .orElseGet(() -> accounts.create(username, "Test " + role.label() + " " + username, role, PASSWORD));
        return signedIn(account);
    }

    /** Signs the request in as this account (as it is now in the database). */
    public RequestPostProcessor signedIn(Account account) {
        return user(userDetails.loadUserByUsername(account.getUsername()));
    }
}
