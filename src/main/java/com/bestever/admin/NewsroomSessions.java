package com.bestever.admin;

import com.bestever.system.PublicPages;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.Set;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Keeps every newsroom session true to its account. A session remembers who signed in; the
 * account can change afterwards, and the change must not wait for the next sign-in:
 * <ul>
 * <li>an administrator changes the role or the name: it applies from the next request, before
 * that request is authorized (a demoted editor loses the editor's pages at once);</li>
 * <li>an administrator disables the account, or a new password is set (a reset, or the person's
 * own change in another browser): the session ends at its next request, so whoever knew only
 * the old password is signed out.</li>
 * </ul>
 * It costs one look-up by primary key per signed-in request; readers are not signed in. The
 * session lives in PostgreSQL (Spring Session JDBC), so an ended session is ended on every
 * instance, and so is a role change.
 */
@Component
public class NewsroomSessions {

    /**
     * The name of the session cookie (Spring Session's, for the sessions kept in PostgreSQL): only a
     * signed-in editor's browser has one; HttpOnly, SameSite=Lax, {@code Path=/}.
     */
    public static final String COOKIE = PublicPages.SESSION_COOKIE;

    /** The sign-in page's parameter that says the session ended because the password changed. */
    static final String PASSWORD_CHANGED = "password-changed";
    /** The sign-in page's parameter that says the account is disabled. */
    static final String DISABLED = "disabled";

    private final Accounts accounts;
    private final SecurityContextRepository contexts;
    private final FindByIndexNameSessionRepository<? extends Session> sessions;
    private final SecurityContextHolderStrategy holder = SecurityContextHolder.getContextHolderStrategy();

    NewsroomSessions(
            Accounts accounts,
            SecurityContextRepository contexts,
            FindByIndexNameSessionRepository<? extends Session> sessions) {
        this.accounts = accounts;
        this.contexts = contexts;
        this.sessions = sessions;
    }

    /**
     * Ends every session of this user name, on every instance (Spring Session's index of the
     * shared session table by principal name): after an administrator reset their second factors.
     * Answers how many ended.
     */
    int endAll(String username) {
        Set<String> ids = sessions.findByPrincipalName(username).keySet();
        ids.forEach(sessions::deleteById);
        return ids.size();
    }

    /**
     * The check, for Spring Security's filter chain (placed before authorization). Not a bean of
     * its own, so the servlet container does not run it a second time outside the chain.
     */
    public Filter filter() {
        return new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                if (check(request, response)) {
                    chain.doFilter(request, response);
                }
            }
        };
    }

    /** Answers false when the session ended here (and the answer, a redirect to sign in, is sent). */
    private boolean check(HttpServletRequest request, HttpServletResponse response) throws IOException {
        HttpSession session = request.getSession(false);
        SignedIn signedIn = session == null ? null : AdminPages.signedIn();
        if (signedIn == null) {
            return true; // a sign-in lives in the session: without one (every reader) there is nothing to check
        }
        Account account = accounts.find(signedIn.accountId()).orElse(null);
        if (account == null || !signedIn.stillHolds(account)) {
            session.invalidate();
            holder.clearContext();
            boolean passwordChanged = account != null && account.isEnabled();
            response.sendRedirect(
                    request.getContextPath() + "/login?" + (passwordChanged ? PASSWORD_CHANGED : DISABLED));
            return false;
        }
        if (!signedIn.isUpToDate(account)) {
            remember(account, request, response);
        }
        return true;
    }

    /**
     * Adds a factor this session just proved (a first right code from a new authenticator app):
     * the person is not asked for it again in this sign-in.
     */
    void addFactor(String factor, HttpServletRequest request, HttpServletResponse response) {
        Authentication current = holder.getContext().getAuthentication();
        if (current == null) {
            return;
        }
        Authentication now = current.toBuilder()
                .authorities(authorities -> authorities.add(FactorGrantedAuthority.fromAuthority(factor)))
                .build();
        SecurityContext context = holder.createEmptyContext();
        context.setAuthentication(now);
        holder.setContext(context);
        contexts.saveContext(context, request, response);
    }

    /**
     * Makes this session stand for the account as it is now: its role and name, and the password
     * it has (after one's own change, so that this session goes on while others end).
     */
    void remember(Account account, HttpServletRequest request, HttpServletResponse response) {
        SignedIn now = new SignedIn(account);
        now.eraseCredentials();
        // The factors this sign-in gave (password, second factor) stay with it.
        Set<GrantedAuthority> authorities = new LinkedHashSet<>(now.getAuthorities());
        Authentication before = holder.getContext().getAuthentication();
        if (before != null) {
            before.getAuthorities().stream()
                    .filter(FactorGrantedAuthority.class::isInstance)
                    .forEach(authorities::add);
        }
        SecurityContext context = holder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(now, null, authorities));
        holder.setContext(context);
        contexts.saveContext(context, request, response);
    }
}
