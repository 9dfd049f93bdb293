package com.bestever.admin;

import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Finds the account a sign-in names; user names are case-insensitive. */
@Service
class AccountDetails implements UserDetailsService {

    private final AccountRepository accounts;

    AccountDetails(AccountRepository accounts) {
        this.accounts = accounts;
    }

    @Override
    @Transactional(readOnly = true)
    public UserDetails loadUserByUsername(String username) {
        return accounts.findByUsername(Usernames.normalise(username))
                .map(SignedIn::new)
                .orElseThrow(() -> new UsernameNotFoundException("no such account"));
    }
}
