package com.bestever.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.bestever.support.TestAccounts;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.openqa.selenium.virtualauthenticator.HasVirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticatorOptions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A passkey in real headless Chromium, with Chrome's virtual authenticator (CDP) standing in for
 * a phone or a security key: an editor adds a passkey on their page, signs out, signs in with
 * their password and then the passkey, and removes it. The site runs on a fixed port so its
 * base URL, and so the passkeys' relying party (localhost), is the one the browser sees. Skipped,
 * with a message saying why, on a machine without Debian's chromium and chromedriver.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
        properties = {
            "server.port=" + PasskeyBrowserTests.PORT,
            "bestever.base-url=http://localhost:" + PasskeyBrowserTests.PORT
        })
class PasskeyBrowserTests {

    static final int PORT = 8113;
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    @Autowired
    TestAccounts testAccounts;

    @Autowired
    JdbcClient jdbc;

    WebDriver browser;

    void startChromium() {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!present) {
            System.err.println("SKIPPED PasskeyBrowserTests: /usr/bin/chromium or /usr/bin/chromedriver is missing");
        }
        assumeTrue(
                present,
                "needs /usr/bin/chromium and /usr/bin/chromedriver (apt-get install chromium chromium-driver)");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toString());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--window-size=1280,1000");
        browser = new ChromeDriver(
                new ChromeDriverService.Builder()
                        .usingDriverExecutable(CHROMEDRIVER.toFile())
                        .build(),
                options);
    }

    @AfterEach
    void stopChromium() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void anEditorAddsAPasskeyAndSignsInWithIt() {
        startChromium();
        Account editor = testAccounts.account(Role.EDITOR);
        VirtualAuthenticator authenticator = ((HasVirtualAuthenticator) browser)
                .addVirtualAuthenticator(new VirtualAuthenticatorOptions()
                        .setProtocol(VirtualAuthenticatorOptions.Protocol.CTAP2)
                        .setTransport(VirtualAuthenticatorOptions.Transport.INTERNAL)
                        .setHasResidentKey(true)
                        .setHasUserVerification(true)
                        .setIsUserVerified(true));

        signInWithPassword(editor);
        waitFor(() -> browser.getCurrentUrl().endsWith("/admin"));

        open(SecondFactorController.PATH);
        browser.findElement(By.id("passkey-label")).sendKeys("Test laptop");
        browser.findElement(By.id("passkey-add-button")).click();
        waitFor(() -> !browser.findElements(By.cssSelector(".passkey")).isEmpty()
                || !browser.findElement(By.id("passkey-status")).getText().contains("prompt"));
        assertThat(browser.findElements(By.cssSelector(".passkey input[name=label]")))
                .as(
                        "the passkeys listed: %s",
                        browser.findElement(By.tagName("main")).getText())
                .hasSize(1);
        assertThat(browser.findElement(By.cssSelector(".passkey input[name=label]"))
                        .getAttribute("value"))
                .isEqualTo("Test laptop");
        assertThat(authenticator.getCredentials()).hasSize(1);
        assertThat(audits(editor, AuditKind.FACTOR_ADDED)).isEqualTo(1);

        // Out, and in again: the password, then the passkey.
        browser.findElement(By.cssSelector("header form[action='/logout'] button"))
                .click();
        waitFor(() -> browser.getCurrentUrl().contains("/login"));
        signInWithPassword(editor);
        waitFor(() -> browser.getCurrentUrl().contains(SecondFactorCodeSignIn.PATH));
        open("/admin/articles");
        assertThat(browser.getCurrentUrl())
                .as("no newsroom page before the passkey")
                .contains(SecondFactorCodeSignIn.PATH);
        browser.findElement(By.id("passkey-sign-in")).click();
        waitFor(() -> browser.getCurrentUrl().endsWith("/admin"));
        assertThat(browser.findElement(By.cssSelector(".signed-in")).getText()).startsWith(editor.getUsername());
        open("/admin/articles");
        assertThat(browser.getCurrentUrl()).endsWith("/admin/articles");
        assertThat(audits(editor, AuditKind.SECOND_FACTOR)).isEqualTo(1);

        // And removed.
        open(SecondFactorController.PATH);
        browser.findElement(By.cssSelector(".passkey-remove-form button")).click();
        waitFor(() -> browser.findElements(By.cssSelector(".passkey")).isEmpty());
        assertThat(browser.findElement(By.cssSelector(".flash")).getText())
                .contains("Removed the passkey “Test laptop”");
        assertThat(audits(editor, AuditKind.FACTOR_REMOVED)).isEqualTo(1);
    }

    /**
     * Over real HTTP (MockMvc's CSRF helper keeps its tokens in a session): an anonymous request
     * to the second step or to the passkey endpoints is refused by the CSRF check and leaves no
     * session behind.
     */
    @Test
    void noAnonymousRequestToTheSecondStepOrThePasskeyEndpointsMakesASession() throws Exception {
        HttpClient client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        long sessions = jdbc.sql("select count(*) from spring_session")
                .query(Long.class)
                .single();
        for (String path : new String[] {
            SecondFactorCodeSignIn.PATH,
            "/login/webauthn",
            "/webauthn/authenticate/options",
            "/webauthn/register/options",
            "/webauthn/register"
        }) {
            HttpResponse<String> response = client.send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + PORT + path))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(path).isEqualTo(403);
            assertThat(response.headers().allValues("Set-Cookie"))
                    .as(path)
                    .noneMatch(cookie -> cookie.startsWith(NewsroomSessions.COOKIE + "="));
        }
        HttpResponse<String> page = client.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + PORT + SecondFactorCodeSignIn.PATH))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.headers().firstValue("Location")).hasValue("/login");
        assertThat(jdbc.sql("select count(*) from spring_session")
                        .query(Long.class)
                        .single())
                .isEqualTo(sessions);
    }

    private void signInWithPassword(Account account) {
        open("/login");
        browser.findElement(By.name("username")).sendKeys(account.getUsername());
        browser.findElement(By.name("password")).sendKeys(TestAccounts.PASSWORD);
        browser.findElement(By.cssSelector("main form button[type=submit]")).click();
    }

    private long audits(Account account, AuditKind kind) {
        return jdbc.sql(
                        "select count(*) from audit_entry where kind = ? and subject_type = 'account' and subject_id = ?")
                .params(kind.code(), account.getId())
                .query(Long.class)
                .single();
    }

    private void open(String path) {
        browser.get("http://localhost:" + PORT + path);
    }

    private void waitFor(BooleanSupplier condition) {
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(driver -> condition.getAsBoolean());
    }
}
