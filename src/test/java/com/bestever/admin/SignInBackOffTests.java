package com.bestever.admin;

import static com.bestever.admin.SignInTests.errorOn;
import static com.bestever.admin.SignInTests.newAddress;
import static com.bestever.support.Html.page;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.bestever.support.MutableClock;
import com.bestever.support.SiteTest;
import com.bestever.support.TestAccounts;
import com.bestever.support.TestData;
import com.bestever.system.SiteSecrets;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sign-in back-off: a guesser waits longer and longer, but a real editor is never locked out for
 * long, an administrator can clear it, and parallel guesses are counted one after another.
 */
@SiteTest
class SignInBackOffTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestAccounts testAccounts;

    @Autowired
    MutableClock clock;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    SignInThrottle throttle;

    @Autowired
    TransactionTemplate transaction;

    @Autowired
    SignInAudit signInAudit;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private MvcResult signIn(String username, String password, String address) throws Exception {
        return mvc.perform(post("/login")
                        .param("username", username)
                        .param("password", password)
                        .with(csrf())
                        .with(SignInTests.from(address)))
                .andReturn();
    }

    /** What the sign-in page says after this attempt: the refusal's sentence, or "signed in". */
    private String outcome(String username, String password, String address) throws Exception {
        MvcResult result = signIn(username, password, address);
        String back = result.getResponse().getRedirectedUrl();
        if ("/admin".equals(back)) {
            return "signed in";
        }
        return errorOn(page(mvc.perform(get(back))));
    }

    @Test
    void fiveFailuresOfOneNameFromOneAddressHoldThatPairBackWithAGrowingWait() throws Exception {
        Account writer = testAccounts.account(Role.WRITER);
        String address = newAddress();
        clock.set(clock.instant());
        for (int i = 0; i < SignInThrottle.PAIR.limit(); i++) {
            assertThat(outcome(writer.getUsername(), "wrong-" + i, address)).isEqualTo("Wrong user name or password.");
        }
        assertThat(outcome(writer.getUsername(), TestAccounts.PASSWORD, address))
                .isEqualTo("Too many failed sign-ins. Try again in 1 minute.");

        clock.advance(Duration.ofSeconds(61));
        assertThat(outcome(writer.getUsername(), "wrong-again", address)).isEqualTo("Wrong user name or password.");
        assertThat(outcome(writer.getUsername(), TestAccounts.PASSWORD, address))
                .isEqualTo("Too many failed sign-ins. Try again in 2 minutes.");
        // The same name from elsewhere is not held back by this address's guesses.
        assertThat(outcome(writer.getUsername(), TestAccounts.PASSWORD, newAddress()))
                .isEqualTo("signed in");
    }

    @Test
    void guessesFromManyAddressesHoldANameBackBrieflyAndNeverFromWhereItSignedInBefore() throws Exception {
        Account editor = testAccounts.account(Role.EDITOR);
        String usual = newAddress();
        assertThat(outcome(editor.getUsername(), TestAccounts.PASSWORD, usual)).isEqualTo("signed in");
        clock.set(clock.instant());
        for (int i = 0; i < SignInThrottle.NAME.limit() + 20; i++) {
            clock.advance(Duration.ofMinutes(3)); // every wait is over: each guess is counted
            signIn(editor.getUsername(), "guess-" + i, newAddress());
        }

        // A new address waits, but never more than the name's short cap...
        assertThat(outcome(editor.getUsername(), TestAccounts.PASSWORD, newAddress()))
                .isEqualTo("Too many failed sign-ins. Try again in 2 minutes.");
        // ...and the editor's usual address is not held back at all.
        assertThat(outcome(editor.getUsername(), TestAccounts.PASSWORD, usual)).isEqualTo("signed in");
    }

    @Test
    void aForgedForwardedForDoesNotEscapeTheBackOffButATrustedProxysDoesNameTheClient() throws Exception {
        Account writer = testAccounts.account(Role.WRITER);
        String address = newAddress();
        for (int i = 0; i < SignInThrottle.PAIR.limit(); i++) {
            mvc.perform(post("/login")
                    .param("username", writer.getUsername())
                    .param("password", "wrong-" + i)
                    .header("X-Forwarded-For", "192.0.2." + (i + 1)) // a new "address" each time
                    .with(csrf())
                    .with(SignInTests.from(address)));
        }
        assertThat(outcome(writer.getUsername(), TestAccounts.PASSWORD, address))
                .isEqualTo("Too many failed sign-ins. Try again in 1 minute.");

        // Behind the tests' trusted proxy (198.18.0.1), each reader is the address it forwards.
        // (Another account: the first one's name has ten failures now, and so its own short wait.)
        writer = testAccounts.account(Role.WRITER);
        String reader = newAddress();
        for (int i = 0; i < SignInThrottle.PAIR.limit(); i++) {
            mvc.perform(post("/login")
                    .param("username", writer.getUsername())
                    .param("password", "wrong-" + i)
                    .header("X-Forwarded-For", reader)
                    .with(csrf())
                    .with(SignInTests.from("198.18.0.1")));
        }
        MvcResult throughTheProxy = mvc.perform(post("/login")
                        .param("username", writer.getUsername())
                        .param("password", TestAccounts.PASSWORD)
                        .header("X-Forwarded-For", newAddress())
                        .with(csrf())
                        .with(SignInTests.from("198.18.0.1")))
                .andReturn();
        assertThat(throughTheProxy.getResponse().getRedirectedUrl()).isEqualTo("/admin");
        assertThat(outcome(writer.getUsername(), TestAccounts.PASSWORD, reader))
                .isEqualTo("Too many failed sign-ins. Try again in 1 minute.");
    }

    @Test
    void tenFailuresFromOneAddressHoldItBackWhateverTheUserName() throws Exception {
        String address = newAddress();
        for (int i = 0; i < SignInThrottle.ADDRESS.limit(); i++) {
            signIn(TestData.unique("guess"), "wrong-password", address);
        }
        Account writer = testAccounts.account(Role.WRITER);
        assertThat(outcome(writer.getUsername(), TestAccounts.PASSWORD, address))
                .isEqualTo("Too many failed sign-ins. Try again in 1 minute.");
        assertThat(outcome(writer.getUsername(), TestAccounts.PASSWORD, newAddress()))
                .isEqualTo("signed in");
    }

    @Test
    void anUnknownUserNameIsHeldBackInTheSameWay() throws Exception {
        String nobody = TestData.unique("nobody");
        String address = newAddress();
        for (int i = 0; i < SignInThrottle.PAIR.limit(); i++) {
            assertThat(outcome(nobody, "wrong-" + i, address)).isEqualTo("Wrong user name or password.");
        }
        assertThat(outcome(nobody, TestAccounts.PASSWORD, address))
                .isEqualTo("Too many failed sign-ins. Try again in 1 minute.");
    }

    @Test
    void attemptsCountedByAnotherInstanceHoldTheNameBackHereTooAndOnlyHashesAreKept() throws Exception {
        Account editor = testAccounts.account(Role.EDITOR);
        String address = newAddress();
        SignInThrottle anotherInstance =
                new SignInThrottle(jdbc, new SiteSecrets(jdbc), clock, transaction, signInAudit);
        for (int i = 0; i < SignInThrottle.PAIR.limit(); i++) {
            anotherInstance.attempt(editor.getUsername(), address); // counted; its password never proved right
        }
        assertThat(outcome(editor.getUsername(), TestAccounts.PASSWORD, address))
                .isEqualTo("Too many failed sign-ins. Try again in 1 minute.");
        assertThat(jdbc.sql("select count(*) from sign_in_attempt where key like ? or key like ?")
                        .params("%" + editor.getUsername() + "%", "%" + address + "%")
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void failuresAnHourOldAreForgotten() throws Exception {
        Account editor = testAccounts.account(Role.EDITOR);
        String address = newAddress();
        clock.set(clock.instant());
        for (int i = 0; i < SignInThrottle.PAIR.limit() - 1; i++) {
            signIn(editor.getUsername(), "wrong-" + i, address);
        }
        clock.advance(Duration.ofMinutes(61));
        signIn(editor.getUsername(), "wrong-again", address);
        assertThat(outcome(editor.getUsername(), TestAccounts.PASSWORD, address))
                .isEqualTo("signed in");
    }

    @Test
    void anAdministratorClearsAnAccountsFailedSignIns() throws Exception {
        Account writer = testAccounts.account(Role.WRITER);
        String address = newAddress();
        for (int i = 0; i < SignInThrottle.PAIR.limit(); i++) {
            signIn(writer.getUsername(), "wrong-" + i, address);
        }
        String accountPage = "/admin/accounts/" + writer.getId();
        Document before = page(mvc.perform(get(accountPage).with(testAccounts.signedIn(Role.ADMIN))));
        assertThat(before.selectFirst(".sign-in-status").text()).contains("held back for now");

        MvcResult cleared = mvc.perform(post(accountPage + "/sign-in-failures/reset")
                        .with(csrf())
                        .with(testAccounts.signedIn(Role.ADMIN)))
                .andReturn();
        assertThat(cleared.getResponse().getRedirectedUrl()).isEqualTo(accountPage);
        // The notice travels in the session (the browser follows the redirect with its cookie).
        Document after = page(mvc.perform(get(accountPage)
                .cookie(cleared.getResponse().getCookie(NewsroomSessions.COOKIE))
                .with(testAccounts.signedIn(Role.ADMIN))));
        assertThat(after.selectFirst(".flash").text())
                .isEqualTo("Cleared the failed sign-ins of " + writer.getUsername() + ": they can sign in again now.");
        assertThat(after.selectFirst(".sign-in-status").text()).isEqualTo("This user name is not held back.");
        assertThat(outcome(writer.getUsername(), TestAccounts.PASSWORD, address))
                .isEqualTo("signed in");

        // Only an administrator may.
        mvc.perform(post(accountPage + "/sign-in-failures/reset").with(csrf()).with(testAccounts.signedIn(Role.EDITOR)))
                .andExpect(
                        result -> assertThat(result.getResponse().getStatus()).isEqualTo(403));
    }

    @Test
    void parallelGuessesAreCountedOneAfterAnotherAndNoMoreThanTheLimitGetAPasswordCheck() throws Exception {
        AtomicInteger checked = new AtomicInteger();
        AuthenticationProvider slowWrongPasswords = new AuthenticationProvider() {
            @Override
            public Authentication authenticate(Authentication attempt) {
                checked.incrementAndGet();
                try {
                    Thread.sleep(50); // a password hash takes a while: the window a race would need
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
                throw new BadCredentialsException("wrong");
            }

            @Override
            public boolean supports(Class<?> authentication) {
                return true;
            }
        };
        ThrottledSignIn signIns = new ThrottledSignIn(slowWrongPasswords, throttle, new SimpleMeterRegistry());
        String name = TestData.unique("parallel");
        String address = newAddress();
        int guesses = 24;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService guessers = Executors.newFixedThreadPool(guesses);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < guesses; i++) {
                String password = "guess-" + i;
                results.add(guessers.submit(() -> {
                    start.await();
                    var attempt = UsernamePasswordAuthenticationToken.unauthenticated(name, password);
                    attempt.setDetails(new WebAuthenticationDetails(address, null));
                    try {
                        signIns.authenticate(attempt);
                        return "signed in";
                    } catch (SignInRefused refused) {
                        return "refused";
                    } catch (BadCredentialsException wrong) {
                        return "wrong";
                    }
                }));
            }
            start.countDown();
            int refused = 0;
            for (Future<String> result : results) {
                if (result.get(30, TimeUnit.SECONDS).equals("refused")) {
                    refused++;
                }
            }
            assertThat(checked).hasValue(SignInThrottle.PAIR.limit());
            assertThat(refused).isEqualTo(guesses - SignInThrottle.PAIR.limit());
        } finally {
            guessers.shutdownNow();
        }
    }
}
