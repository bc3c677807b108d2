package org.estate.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;

/**
 * Base of the page tests: Debian's Chromium driven by Playwright against the application on a
 * random port, one browser for the whole test run, a fresh context (cookies) per test. {@link #axe()}
 * fails on any WCAG 2.2 AA violation; every test also fails on a Content-Security-Policy report.
 */
@Tag("browser")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class BrowserSupport {

    @LocalServerPort
    protected int port;
    /** One Playwright driver and one Chromium for the whole test JVM (each test still gets a fresh context). */
    private static Playwright playwright;
    private static Browser browser;
    private BrowserContext context;
    protected Page page;
    private final List<String> consoleErrors = new ArrayList<>();
    private final List<BrowserContext> others = new ArrayList<>();

    @BeforeAll
    void launch() {
        synchronized (BrowserSupport.class) {
            if (browser == null || !browser.isConnected()) {
                if (playwright == null) {
                    playwright = Playwright.create();
                    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                        try {
                            playwright.close();
                        } catch (RuntimeException e) {
                            // The JVM is going: nothing else to do.
                        }
                    }));
                }
                browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                    .setExecutablePath(Path.of("/usr/bin/chromium")).setHeadless(true)
                    .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                        "--disable-sync", "--no-first-run", "--disable-quic")));
            }
        }
    }

    @AfterAll
    void close() {
        System.out.println("axe: " + AxeCheck.counts());
    }

    @BeforeEach
    void newContext() {
        context = browser.newContext();
        page = context.newPage();
        consoleErrors.clear();
        page.onConsoleMessage(m -> {
            // A page answered 403 or 404 on purpose is logged as "Failed to load resource"; failed
            // sub-resources are caught below instead.
            if ("error".equals(m.type()) && !m.text().startsWith("Failed to load resource")) {
                consoleErrors.add(m.text());
            }
        });
        page.onResponse(r -> {
            if (r.status() >= 400 && !r.request().isNavigationRequest()) {
                consoleErrors.add(r.status() + " for " + r.url());
            }
        });
    }

    @AfterEach
    void noConsoleErrors() {
        others.forEach(BrowserContext::close);
        others.clear();
        context.close();
        assertThat(consoleErrors).as("browser console errors (CSP violations, failed scripts)").isEmpty();
    }

    protected String url(String path) {
        return "http://localhost:" + port + path;
    }

    protected Page open(String path) {
        page.navigate(url(path));
        return page;
    }

    /** Signs in through the login form as a user created with these roles (password {@link ApiClient#PASSWORD}). */
    protected void signInAs(String username, String... roles) {
        ApiClient.as(port, username, roles);
        signIn(username, ApiClient.PASSWORD);
    }

    /** A second person at another browser (a context of their own: own cookies), signed in; closed after the test. */
    protected Page anotherPerson(String username, String... roles) {
        ApiClient.as(port, username, roles);
        BrowserContext c = browser.newContext();
        others.add(c);
        Page p = c.newPage();
        p.navigate(url("/login"));
        p.getByLabel("Username").fill(username);
        p.getByLabel("Password").fill(ApiClient.PASSWORD);
        p.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in").setExact(true)).click();
        p.waitForURL(u -> !u.contains("/login"));
        return p;
    }

    protected void signInAsAdmin() {
        signIn("admin", ApiClient.ADMIN_PASSWORD);
    }

    protected void signIn(String username, String password) {
        open("/login");
        page.getByLabel("Username").fill(username);
        page.getByLabel("Password").fill(password);
        page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
            new Page.GetByRoleOptions().setName("Sign in").setExact(true)).click();
        page.waitForURL(u -> !u.contains("/login"));
    }

    /** Asserts the current page has no WCAG 2.0/2.1/2.2 A or AA violation (see {@link AxeCheck}). */
    protected void axe() {
        assertThat(AxeCheck.violations(page)).as("axe violations on " + page.url()).isEmpty();
    }

    protected void screenshot(String name) {
        page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/" + name + ".png")).setFullPage(true));
    }
}
