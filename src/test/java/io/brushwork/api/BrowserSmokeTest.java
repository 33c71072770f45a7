package io.brushwork.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.brushwork.testing.Browser;
import io.brushwork.testing.BrowserTest;
import io.brushwork.testing.TestServer;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The browser harness works against the real server: one headless Chromium for the class, as page tests use it. */
@BrowserTest
class BrowserSmokeTest {
    @TempDir
    static Path data;
    static Browser browser;
    static TestServer server;

    @BeforeAll
    static void start() {
        browser = Browser.start();
        server = TestServer.builder(data).start();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void chromiumReadsTheServersHealth() {
        browser.driver().get(server.base() + "/healthz");

        assertThat(browser.driver().findElement(By.tagName("body")).getText()).contains("ok");
        assertThat(browser.screenshot(Path.of("target", "screenshots", "healthz.png"))).isNotEmptyFile();
    }

    @Test
    void thePagesErrorsAndRequestsCanBeRead() {
        browser.driver().get(server.base() + "/healthz");
        browser.driver().executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                console.error('logged by the page');
                fetch('/readyz').then(r => r.text()).then(() => done());""");

        assertThat(browser.consoleErrors()).anySatisfy(error -> assertThat(error).contains("logged by the page"));
        // A fetch's timing entry is added once its body has arrived, a moment after the script sees the body.
        new WebDriverWait(browser.driver(), Duration.ofSeconds(5))
                .until(d -> browser.requestedUrls().contains(server.base() + "/readyz"));
    }

    @Test
    void aDownloadLandsInTheBrowsersOwnDirectory() {
        browser.driver().get(server.base() + "/healthz");
        browser.driver().executeScript("""
                const link = document.createElement('a');
                link.href = URL.createObjectURL(new Blob(['saved']));
                link.download = 'saved.txt';
                document.body.append(link);
                link.click();""");

        assertThat(browser.awaitDownload("saved.txt", Duration.ofSeconds(10))).content().isEqualTo("saved");
    }
}
