package io.brushwork.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.FluentWait;

/**
 * One headless Chromium with a profile and a download directory of its own, for a test class to start in
 * {@code @BeforeAll} and close in {@code @AfterAll}. It is the system's Chromium and chromedriver, at fixed paths
 * ({@code scripts/install-browser.sh} puts them there), so Selenium Manager never runs and nothing is downloaded.
 */
public final class Browser implements AutoCloseable {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final String DOWNLOADS = "downloads";
    static final String MISSING = "the browser tests need " + CHROMIUM + " and " + CHROMEDRIVER
            + ": scripts/install-browser.sh installs them";

    private final Path home;
    private final Path downloads;
    private final ChromeDriver driver;

    private Browser(Path home, ChromeDriver driver) {
        this.home = home;
        this.downloads = home.resolve(DOWNLOADS);
        this.driver = driver;
    }

    /** A started browser; a test class that uses one is a {@link BrowserTest}, skipped where Chromium is missing. */
    public static Browser start() {
        if (!installed()) {
            throw new IllegalStateException(MISSING);
        }
        Path home = createHome();
        try {
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(CHROMEDRIVER.toFile())
                    .usingAnyFreePort()
                    .build();
            Browser browser = new Browser(home, new ChromeDriver(service, options(home)));
            try {
                browser.resize(1280, 800);
            } catch (RuntimeException e) {
                browser.driver.quit();
                throw e;
            }
            return browser;
        } catch (RuntimeException e) {
            deleteTree(home);
            throw e;
        }
    }

    /** A fresh directory for the profile and the downloads, so that no run sees another's cookies or files. */
    private static Path createHome() {
        try {
            Path home = Files.createTempDirectory("brushwork-browser");
            Files.createDirectory(home.resolve(DOWNLOADS));
            return home;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean installed() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    private static ChromeOptions options(Path home) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                // Chromium's own calls home (updates, components, sync): a test talks to the test server alone
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                // and what those flags leave (sign-in, search preconnects) finds no address: no name but localhost
                // resolves, so the browser reaches nothing but the IP addresses a test gives it
                "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
                // Containers often have a small /dev/shm, where Chromium would otherwise crash on big pages
                "--disable-dev-shm-usage",
                "--user-data-dir=" + home.resolve("profile"), "--window-size=1280,800");
        options.setExperimentalOption("prefs", Map.of(
                "download.default_directory", home.resolve(DOWNLOADS).toString(),
                "download.prompt_for_download", false));
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
        return options;
    }

    public ChromeDriver driver() {
        return driver;
    }

    /** Where the browser saves downloads, without asking. */
    public Path downloads() {
        return downloads;
    }

    /** The downloaded file of this name, once Chromium has finished writing it (it writes a .crdownload first). */
    public Path awaitDownload(String name, Duration timeout) {
        Path file = downloads.resolve(name);
        return new FluentWait<>(file).withTimeout(timeout).pollingEvery(Duration.ofMillis(50))
                .withMessage(() -> name + " was not downloaded; " + downloads + " has " + list(downloads))
                .until(path -> Files.isRegularFile(path) ? path : null);
    }

    /**
     * Makes the page's viewport {@code width} by {@code height} CSS pixels, as a screen of that size shows it: the
     * window is made larger by what the browser's own frame takes.
     */
    public void resize(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
        List<?> inner = (List<?>) driver.executeScript("return [window.innerWidth, window.innerHeight]");
        int frameWidth = width - ((Number) inner.get(0)).intValue();
        int frameHeight = height - ((Number) inner.get(1)).intValue();
        if (frameWidth != 0 || frameHeight != 0) {
            driver.manage().window().setSize(new Dimension(width + frameWidth, height + frameHeight));
        }
    }

    /** Writes what the window shows to {@code file} as a PNG, making its directory if need be. */
    public Path screenshot(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            return Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The errors the page logged to its console, uncaught exceptions and failed loads included, since the last
     * call: Chromium hands each log entry over once.
     */
    public List<String> consoleErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .toList();
    }

    /** The URLs of everything the current page fetched after the document itself: scripts, styles, images, calls. */
    public List<String> requestedUrls() {
        List<?> urls = (List<?>) driver.executeScript(
                "return performance.getEntriesByType('resource').map(entry => entry.name)");
        return urls.stream().map(String::valueOf).toList();
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            deleteTree(home);
        }
    }

    private static List<String> list(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(file -> file.getFileName().toString()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (NoSuchFileException e) {
            // already gone
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
