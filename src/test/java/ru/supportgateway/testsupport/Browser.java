package ru.supportgateway.testsupport;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One headless Chromium for a test class, driven through the installed chromedriver (no Selenium Manager,
 * nothing downloaded). Sized like a 1366×768 school laptop.
 */
public final class Browser implements AutoCloseable {

    public static final String CHROMIUM = System.getenv().getOrDefault("CHROME_BIN", "/usr/bin/chromium");
    public static final String CHROMEDRIVER = System.getenv().getOrDefault("CHROMEDRIVER", "/usr/bin/chromedriver");

    public final ChromeDriver driver;
    private final Path profile;
    private final String base;

    public Browser(String baseUrl) {
        this(baseUrl, null);
    }

    /**
     * A browser that saves downloads into {@code downloadDir} without asking (null: Chromium's defaults, as
     * {@link #Browser(String)}).
     */
    public Browser(String baseUrl, Path downloadDir) {
        System.setProperty("SE_OFFLINE", "true");
        this.base = baseUrl;
        try {
            profile = Files.createTempDirectory("sg-chrome-");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--lang=ru-RU", "--window-size=1366,768", "--user-data-dir=" + profile);
        if (downloadDir != null) {
            options.setExperimentalOption("prefs", java.util.Map.of(
                    "download.default_directory", downloadDir.toAbsolutePath().toString(),
                    "download.prompt_for_download", false,
                    "download.directory_upgrade", true,
                    "safebrowsing.enabled", true));
        }
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(new Dimension(1366, 768));
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(20));
    }

    public void open(String path) {
        driver.get(base + path);
    }

    /** Logs in through the login form, starting from a clean session. */
    public void login(String username, String password) {
        driver.manage().deleteAllCookies();
        open("/login");
        driver.findElement(By.name("username")).sendKeys(username);
        driver.findElement(By.name("password")).sendKeys(password);
        driver.findElement(By.cssSelector("form button[type=submit]")).click();
        waitFor(d -> !d.getCurrentUrl().contains("/login"));
    }

    public WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    public java.util.List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    public String text(String css) {
        return find(css).getText();
    }

    /** Clicks a submit button and waits for the next page to load (post/redirect/get). */
    public void submit(WebElement button) {
        WebElement html = driver.findElement(By.tagName("html"));
        button.click();
        waitFor(d -> isStale(html));
    }

    public Object script(String js) {
        return ((JavascriptExecutor) driver).executeScript(js);
    }

    public <T> T waitFor(java.util.function.Function<org.openqa.selenium.WebDriver, T> condition) {
        return new WebDriverWait(driver, Duration.ofSeconds(10)).until(condition::apply);
    }

    /** A PNG of the visible window into {@code docs/screenshots/<name>.png}. */
    public void screenshot(String name) {
        try {
            Path dir = Path.of("docs", "screenshots");
            Files.createDirectories(dir);
            Files.write(dir.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean isStale(WebElement e) {
        try {
            e.isEnabled();
            return false;
        } catch (org.openqa.selenium.StaleElementReferenceException gone) {
            return true;
        } catch (org.openqa.selenium.WebDriverException error) {
            // asked while the next page replaces the document, Chrome answers this instead of "stale"
            if (String.valueOf(error.getMessage()).contains("does not belong to the document")) {
                return true;
            }
            throw error;
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            } catch (IOException ignored) {
                // a temp dir left behind is harmless
            }
        }
    }
}
