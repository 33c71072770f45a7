package io.brushwork.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.brushwork.image.ArgbImage;
import io.brushwork.testing.Browser;
import io.brushwork.testing.BrowserTest;
import io.brushwork.testing.Multipart;
import io.brushwork.testing.TestImages;
import io.brushwork.testing.TestServer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.remote.RemoteWebDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.interactions.PointerInput;
import org.openqa.selenium.interactions.Sequence;
import org.openqa.selenium.interactions.WheelInput;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The playground in a real Chromium against the real server: a person's steps (key, photo, a stroke painted with
 * pointer events, Edit) and what the API then holds, checked pixel by pixel. Screenshots go to
 * {@code target/playground/}; the README's come from {@link #aPersonRemovesTheSpoonFromThePhoto}.
 */
@BrowserTest
class PlaygroundBrowserTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SCREENSHOTS = Path.of("target", "playground");
    private static final int W = 320;
    private static final int H = 240;
    /** The red bar a stroke along {@link #BAR_STROKE} paints over. */
    private static final int[] BAR = {130, 112, 60, 16};
    private static final double[] BAR_STROKE = {110, 120, 210, 120};
    private static final double[] SKY_STROKE = {40, 40, 100, 40};
    private static final int BRUSH = 60;

    private static Browser browser;

    @TempDir
    Path data;
    @TempDir
    Path files;

    @BeforeAll
    static void startBrowser() {
        browser = Browser.start();
    }

    /**
     * Each test sees only its own page's errors. (A request the Content-Security-Policy blocks is such an error too,
     * which is how a test would see the page reach for another origin: the browser never makes that request.)
     */
    @BeforeEach
    void forgetEarlierErrors() {
        browser.consoleErrors();
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void aStrokeIsEditedAwayAndNothingElseChanges() throws IOException {
        try (TestServer server = TestServer.builder(data).start()) {
            Path photo = scene("photo.png");
            open(server);
            useKey(server.key);
            assertThat(text("key-status")).isEqualTo("Key accepted.");
            openPhoto(photo);
            setBrushSize(BRUSH);
            paint(BAR_STROKE);

            List<String> urls = edit();
            assertThat(urls).hasSize(1);
            assertThat(text("elapsed")).matches("Done in \\d+\\.\\d s\\.");
            ArgbImage result = download(server, urls.get(0));
            assertChangedOnlyUnder(result, original(), List.of(BAR_STROKE));
            assertThat(redPixelsLeft(result)).as("the bar under the stroke is filled away").isZero();

            // Download saves the very bytes the API holds.
            String seed = text("result-list").replaceAll("(?s).*Seed (\\d+).*", "$1");
            driver().findElement(By.cssSelector("#result-list a.download")).click();
            Path saved = browser.awaitDownload("brushwork-" + seed + ".png", Duration.ofSeconds(10));
            assertThat(Files.readAllBytes(saved)).isEqualTo(server.get(urls.get(0)).body());

            // Continue from it: the result is the photo now, with an empty mask; a second stroke edits only there.
            driver().findElement(By.cssSelector("#result-list button.continue")).click();
            wait(Duration.ofSeconds(10)).until(d -> text("stage-info").startsWith("brushwork-" + seed + ".png"));
            assertThat(element("undo").isEnabled()).isFalse();
            paint(SKY_STROKE);
            ArgbImage second = download(server, edit().get(0));
            assertChangedOnlyUnder(second, result.pixels(), List.of(SKY_STROKE));
            assertThat(browser.consoleErrors()).isEmpty();
        }
    }

    @Test
    void anUndoneStrokeIsNotSent() throws IOException {
        try (TestServer server = TestServer.builder(data).start()) {
            open(server);
            useKey(server.key);
            openPhoto(scene("photo.png"));
            setBrushSize(BRUSH);
            paint(BAR_STROKE);
            paint(SKY_STROKE);
            new Actions(driver()).keyDown(Keys.CONTROL).sendKeys("z").keyUp(Keys.CONTROL).perform();
            assertThat(element("redo").isEnabled()).isTrue();
            // Redo and undo once more with the buttons: the sky stroke comes back, then goes again.
            element("redo").click();
            assertThat(element("redo").isEnabled()).isFalse();
            element("undo").click();

            ArgbImage result = download(server, edit().get(0));
            assertChangedOnlyUnder(result, original(), List.of(BAR_STROKE));
            assertThat(redPixelsLeft(result)).isZero();
        }
    }

    @Test
    void zoomedInAndPannedTheBrushStillPaintsWhereThePointerIs() throws IOException {
        try (TestServer server = TestServer.builder(data).set("auth", "false").start()) {
            open(server);
            openPhoto(scene("photo.png"));
            double fitted = photoOnScreen()[2];
            WebElement stage = element("stage");
            new Actions(driver()).scrollFromOrigin(WheelInput.ScrollOrigin.fromElement(stage), 0, -200).perform();
            wait(Duration.ofSeconds(5)).until(d -> photoOnScreen()[2] > fitted * 1.2);

            double[] before = photoOnScreen();
            int[] from = onScreen(W / 2.0, H / 2.0);
            new Actions(driver()).moveToLocation(from[0], from[1]).keyDown(" ").clickAndHold()
                    .moveToLocation(from[0] - 40, from[1] - 30).release().keyUp(" ").perform();
            double[] after = photoOnScreen();
            assertThat(after[0] - before[0]).as("space and drag pan").isCloseTo(-40, within(1.0));
            assertThat(after[1] - before[1]).isCloseTo(-30, within(1.0));
            assertThat(element("undo").isEnabled()).as("panning paints nothing").isFalse();

            setBrushSize(BRUSH);
            paint(BAR_STROKE);
            ArgbImage result = download(server, edit().get(0));
            assertChangedOnlyUnder(result, original(), List.of(BAR_STROKE));
            assertThat(redPixelsLeft(result)).isZero();
        }
    }

    @Test
    void twoFingersPinchToZoomAndPanWithoutPainting() throws IOException {
        try (TestServer server = TestServer.builder(data).set("auth", "false").start()) {
            open(server);
            openPhoto(scene("photo.png"));
            double fitted = photoOnScreen()[2];
            int[] centre = onScreen(W / 2.0, H / 2.0);
            PointerInput one = new PointerInput(PointerInput.Kind.TOUCH, "one");
            PointerInput two = new PointerInput(PointerInput.Kind.TOUCH, "two");
            Sequence first = new Sequence(one, 0);
            Sequence second = new Sequence(two, 0);
            first.addAction(one.createPointerMove(Duration.ZERO, PointerInput.Origin.viewport(), centre[0] - 20,
                    centre[1]));
            second.addAction(two.createPointerMove(Duration.ZERO, PointerInput.Origin.viewport(), centre[0] + 20,
                    centre[1]));
            first.addAction(one.createPointerDown(0));
            second.addAction(two.createPointerDown(0));
            // The fingers spread from 40 to 120 pixels apart, their centre moving 30 pixels down.
            for (int step = 1; step <= 4; step++) {
                first.addAction(one.createPointerMove(Duration.ofMillis(30), PointerInput.Origin.viewport(),
                        centre[0] - 20 - 10 * step, centre[1] + 30 * step / 4));
                second.addAction(two.createPointerMove(Duration.ofMillis(30), PointerInput.Origin.viewport(),
                        centre[0] + 20 + 10 * step, centre[1] + 30 * step / 4));
            }
            first.addAction(one.createPointerUp(0));
            second.addAction(two.createPointerUp(0));
            ((RemoteWebDriver) driver()).perform(List.of(first, second));

            assertThat(photoOnScreen()[2] / fitted).as("spread three times as far: three times the zoom")
                    .isCloseTo(3.0, within(0.1));
            int[] moved = onScreen(W / 2.0, H / 2.0);
            assertThat(moved[0]).as("the photo's centre stays between the fingers").isCloseTo(centre[0], within(2));
            assertThat(moved[1]).isCloseTo(centre[1] + 30, within(2));
            assertThat(element("undo").isEnabled()).as("a pinch paints nothing").isFalse();
        }
    }

    @Test
    void aWrongKeyShowsTheApiAnswerAndIsNotUsed() throws IOException {
        try (TestServer server = TestServer.builder(data).start()) {
            String wrong = "bw_this-key-was-never-issued";
            String expected = TestServer.json(server.get(server.base() + "/v1/models",
                    "Authorization", "Bearer " + wrong)).get("error").asText();
            open(server);
            useKey(wrong);
            assertThat(text("key-status")).isEqualTo(expected);

            openPhoto(scene("photo.png"));
            paint(BAR_STROKE);
            element("edit").click();
            assertThat(text("error")).isEqualTo("Enter your API key first (at the top of the page).");
        }
    }

    @Test
    void aKeyRevokedMeanwhileGetsTheApiAnswerInline() throws IOException {
        try (TestServer server = TestServer.builder(data).start()) {
            open(server);
            useKey(server.key);
            openPhoto(scene("photo.png"));
            paint(BAR_STROKE);
            long id = server.app.keys().list().stream().filter(k -> k.name().equals("test")).findFirst()
                    .orElseThrow().id();
            assertThat(server.app.keys().revoke(id)).isTrue();
            String expected = TestServer.json(server.get(server.base() + "/v1/models",
                    "Authorization", "Bearer " + server.key)).get("error").asText();

            element("edit").click();
            wait(Duration.ofSeconds(20)).until(ExpectedConditions.visibilityOfElementLocated(By.id("error")));
            assertThat(text("error")).isEqualTo(expected);
            assertThat(text("key-status")).isEqualTo(expected);
            assertThat(element("results").isDisplayed()).isFalse();
        }
    }

    @Test
    void aMaskFileIsReadAsTheApiReadsItAndInvertClearAndUndoKeepItExact() throws IOException {
        try (TestServer server = TestServer.builder(data).set("auth", "false").start()) {
            open(server);
            // WebDriver cannot drag a file from the desktop or paste one: the page's own drop and paste handlers get
            // the events a browser would make, with the photo's bytes.
            byte[] photo = Files.readAllBytes(scene("photo.png"));
            dispatchFile("drop", photo, "dropped.png");
            wait(Duration.ofSeconds(10)).until(d -> text("stage-info").startsWith("dropped.png"));
            dispatchFile("paste", photo, "image.png");
            wait(Duration.ofSeconds(10)).until(d -> text("stage-info").startsWith("pasted.png"));

            // Black over the bar, on a white mask with a transparent corner (transparent reads as keep).
            int[] px = new int[W * H];
            for (int i = 0; i < px.length; i++) {
                int x = i % W;
                int y = i / W;
                boolean bar = x >= BAR[0] - 4 && x < BAR[0] + BAR[2] + 4 && y >= BAR[1] - 4 && y < BAR[1] + BAR[3] + 4;
                px[i] = bar ? 0xFF000000 : x < 20 && y < 20 ? 0x00000000 : 0xFFFFFFFF;
            }
            Path maskFile = Files.write(files.resolve("mask.png"), TestImages.png(new ArgbImage(W, H, px, true)));
            element("mask-file").sendKeys(maskFile.toString());
            wait(Duration.ofSeconds(10)).until(d -> element("undo").isEnabled());
            element("invert-mask").click();
            new Actions(driver()).sendKeys("i").perform();
            element("clear-mask").click();
            new Actions(driver()).keyDown(Keys.CONTROL).sendKeys("z").keyUp(Keys.CONTROL).perform();

            ArgbImage result = download(server, edit().get(0));
            int[] before = original();
            for (int i = 0; i < before.length; i++) {
                if (px[i] != 0xFF000000) {
                    assertThat(result.pixels()[i]).as("pixel %d,%d", i % W, i / W).isEqualTo(before[i]);
                }
            }
            assertThat(redPixelsLeft(result)).isZero();
        }
    }

    @Test
    void aModelThatIsNotReadyIsMarkedAndAMaskOfAnotherSizeIsRefusedInTheApiWords() throws IOException {
        Path config = Files.writeString(files.resolve("brushwork.yaml"), String.join("\n",
                "backends:",
                "  lama:",
                "    type: onnx",
                "    contract: lama",
                "    model: " + files.resolve("missing").resolve("lama.onnx"),
                "models:",
                "  LAMA:",
                "    route:",
                "      - backend: lama",
                ""));
        try (TestServer server = TestServer.builder(data).config(config).start()) {
            open(server);
            useKey(server.key);
            Select model = new Select(element("model"));
            wait(Duration.ofSeconds(10)).until(d -> model.getOptions().size() == 3);
            assertThat(model.getOptions()).extracting(WebElement::getText)
                    .containsExactlyInAnyOrder("V_2", "V_2_TURBO", "LAMA (not ready)");
            model.selectByValue("LAMA");
            assertThat(text("model-status")).startsWith("Not ready").contains("lama.onnx")
                    .doesNotContain(files.toString());
            model.selectByValue("V_2");
            assertThat(text("model-status")).startsWith("Ready");

            Path photo = scene("photo.png");
            byte[] smallMask = TestImages.png(TestImages.mask(10, 10, 2, 2, 3, 3));
            Path maskFile = Files.write(files.resolve("small-mask.png"), smallMask);
            String expected = TestServer.json(server.edit(new Multipart()
                    .file("image_file", Files.readAllBytes(photo)).file("mask", smallMask))).get("error").asText();
            openPhoto(photo);
            element("mask-file").sendKeys(maskFile.toString());
            wait(Duration.ofSeconds(10)).until(ExpectedConditions.visibilityOfElementLocated(By.id("error")));
            assertThat(text("error")).isEqualTo(expected);
            assertThat(element("undo").isEnabled()).as("the refused mask is not applied").isFalse();
        }
    }

    @Test
    void copyAsCurlGivesTheSameRequest() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/curl")), "skipped: the command needs /usr/bin/curl");
        try (TestServer server = TestServer.builder(data).start()) {
            String name = "my \"best\" photo's, -1.png";
            Path photo = Files.move(scene("photo.png"), files.resolve(name));
            open(server);
            useKey(server.key);
            openPhoto(photo);
            setBrushSize(BRUSH);
            paint(BAR_STROKE);
            String prompt = "it's a \"quoted\" @home <prompt> $HOME;\n`id` \\ second line";
            element("prompt").sendKeys(prompt);
            new Select(element("magic-prompt")).selectByValue("OFF");
            element("seed").sendKeys("1234");
            element("copy-curl").click();
            String command = element("curl-text").getAttribute("value");
            assertThat(command).contains("$BRUSHWORK_KEY").doesNotContain(server.key);
            element("curl-save-mask").click();
            Path mask = browser.awaitDownload("mask.png", Duration.ofSeconds(10));
            driver().findElement(By.cssSelector("#curl-dialog button[value=close]")).click();

            Path folder = Files.createDirectories(files.resolve("by-hand"));
            Files.copy(photo, folder.resolve(name));
            Files.copy(mask, folder.resolve("mask.png"));
            JsonNode byHand = JSON.readTree(run(command, folder, server.key));
            assertThat(byHand.has("data")).as(byHand.toString()).isTrue();
            JsonNode image = byHand.get("data").get(0);
            assertThat(image.get("seed").asInt()).isEqualTo(1234);
            // A browser sends a form's line breaks as CRLF; the command sends the same bytes.
            assertThat(image.get("prompt").asText()).isEqualTo(prompt.replace("\n", "\r\n"));

            // The page's own request, with the same fields: V_2 is deterministic, so the same bytes come back.
            byte[] fromPage = server.get(edit().get(0)).body();
            byte[] fromCurl = server.get(image.get("url").asText()).body();
            assertThat(fromCurl).isEqualTo(fromPage);
        }
    }

    @Test
    void aServerWithoutKeysNeedsNoKeyBox() throws IOException {
        try (TestServer server = TestServer.builder(data).set("auth", "false").start()) {
            open(server);
            assertThat(element("key-form").isDisplayed()).isFalse();
            Select model = new Select(element("model"));
            wait(Duration.ofSeconds(10)).until(d -> text("model-status").startsWith("Ready"));
            assertThat(model.getOptions()).extracting(WebElement::getText).containsExactly("V_2", "V_2_TURBO");
            openPhoto(scene("photo.png"));
            setBrushSize(BRUSH);
            paint(BAR_STROKE);
            assertChangedOnlyUnder(download(server, edit().get(0)), original(), List.of(BAR_STROKE));
        }
    }

    @Test
    void aPersonRemovesTheSpoonFromThePhoto() throws IOException {
        try (TestServer server = TestServer.builder(data).start()) {
            Path photo = files.resolve("coffee.jpg");
            try (InputStream in = getClass().getResourceAsStream("/images/coffee.jpg")) {
                Files.copy(in, photo);
            }
            open(server);
            useKey(server.key);
            openPhoto(photo);
            new Actions(driver()).sendKeys("]").perform();
            assertThat(Integer.parseInt(text("brush-size-value"))).as("] grows the brush").isGreaterThan(40);
            setBrushSize(36);
            // The spoon's bowl and the handle below the cup, in the photo's pixels.
            paint(348, 236, 384, 222, 400, 262, 392, 300, 366, 322, 338, 306, 330, 270, 350, 246);
            paint(350, 262, 378, 252, 378, 292, 352, 300, 352, 270);
            paint(372, 232, 388, 212);
            element("seed").sendKeys("7");
            assertNoHorizontalScroll();
            browser.screenshot(SCREENSHOTS.resolve("painting-1280x800.png"));

            assertThat(edit()).hasSize(1);
            waitForScrollToSettle();
            new Actions(driver()).keyDown("c").perform();
            assertThat(element("result-list").findElement(By.cssSelector("img.after")).isDisplayed())
                    .as("holding C shows the original alone").isFalse();
            new Actions(driver()).keyUp("c").perform();
            assertThat(element("result-list").findElement(By.cssSelector("img.after")).isDisplayed()).isTrue();
            browser.screenshot(SCREENSHOTS.resolve("result-1280x800.png"));
            assertNoHorizontalScroll();

            browser.resize(390, 844);
            try {
                assertNoHorizontalScroll();
                browser.screenshot(SCREENSHOTS.resolve("result-390x844.png"));
            } finally {
                browser.resize(1280, 800);
            }
            assertThat(browser.requestedUrls()).as("nothing fetched from elsewhere").allSatisfy(url ->
                    assertThat(url).satisfiesAnyOf(u -> assertThat(u).startsWith(server.base() + "/"),
                            u -> assertThat(u).startsWith("blob:"), u -> assertThat(u).startsWith("data:")));
            assertThat(browser.consoleErrors()).isEmpty();
        }
    }

    // ---- a person's steps ----

    private static WebDriver driver() {
        return browser.driver();
    }

    private static WebDriverWait wait(Duration timeout) {
        return new WebDriverWait(driver(), timeout);
    }

    private static WebElement element(String id) {
        return driver().findElement(By.id(id));
    }

    private static String text(String id) {
        return element(id).getText();
    }

    private static Object script(String code, Object... args) {
        return ((JavascriptExecutor) driver()).executeScript(code, args);
    }

    private static void open(TestServer server) {
        driver().get(server.base() + "/");
        wait(Duration.ofSeconds(10)).until(d -> element("brush-size-value").getText().equals("40"));
    }

    private static void useKey(String key) {
        element("api-key").sendKeys(key);
        element("use-key").click();
        wait(Duration.ofSeconds(10)).until(d -> !text("key-status").isEmpty()
                && !text("key-status").startsWith("Enter your API key"));
    }

    private static void openPhoto(Path photo) {
        element("photo-file").sendKeys(photo.toAbsolutePath().toString());
        wait(Duration.ofSeconds(10)).until(ExpectedConditions.visibilityOfElementLocated(By.id("view")));
    }

    /** Hands the page a file as a drop on the stage or a paste would. */
    private static void dispatchFile(String kind, byte[] bytes, String name) {
        script("const [kind, base64, name] = arguments;"
                + " const bytes = Uint8Array.from(atob(base64), c => c.charCodeAt(0));"
                + " const data = new DataTransfer(); data.items.add(new File([bytes], name, {type: 'image/png'}));"
                + " const event = kind === 'drop'"
                + "   ? new DragEvent('drop', {dataTransfer: data, bubbles: true, cancelable: true})"
                + "   : new ClipboardEvent('paste', {clipboardData: data, bubbles: true, cancelable: true});"
                + " (kind === 'drop' ? document.getElementById('stage') : document.body).dispatchEvent(event);",
                kind, java.util.Base64.getEncoder().encodeToString(bytes), name);
    }

    private static void setBrushSize(int size) {
        // A range input takes no typed value; arrows would take a size's worth of presses.
        script("const s = document.getElementById('brush-size'); s.value = arguments[0];"
                + " s.dispatchEvent(new Event('input'));", size);
        assertThat(text("brush-size-value")).isEqualTo(String.valueOf(size));
    }

    /** The photo's bounds on screen: left, top, and screen pixels per photo pixel. */
    private static double[] photoOnScreen() {
        List<?> box = (List<?>) script("const c = document.getElementById('photo');"
                + " const r = c.getBoundingClientRect(); return [r.left, r.top, r.width / c.width];");
        return box.stream().mapToDouble(v -> ((Number) v).doubleValue()).toArray();
    }

    /** Where a point of the photo (in its pixels) is on screen. */
    private static int[] onScreen(double x, double y) {
        double[] screen = photoOnScreen();
        return new int[] {(int) Math.round(screen[0] + x * screen[2]), (int) Math.round(screen[1] + y * screen[2])};
    }

    /** Presses the mouse at the first point (photo pixels), drags through the others and releases. */
    private static void paint(double... points) {
        waitForScrollToSettle();
        Actions actions = new Actions(driver());
        for (int i = 0; i < points.length; i += 2) {
            int[] at = onScreen(points[i], points[i + 1]);
            actions.moveToLocation(at[0], at[1]);
            if (i == 0) {
                actions.clickAndHold();
            }
        }
        actions.release().perform();
    }

    /** Clicks Edit and waits for the results; the URL of each image. */
    private static List<String> edit() {
        String shown = element("results").getAttribute("data-edits");
        element("edit").click();
        wait(Duration.ofSeconds(60)).until(d -> element("error").isDisplayed()
                || !String.valueOf(shown).equals(String.valueOf(element("results").getAttribute("data-edits"))));
        assertThat(element("error").isDisplayed()).as(() -> text("error")).isFalse();
        List<String> urls = new ArrayList<>();
        for (WebElement after : driver().findElements(By.cssSelector("#result-list img.after"))) {
            urls.add(after.getAttribute("src"));
        }
        wait(Duration.ofSeconds(10)).until(d -> (Boolean) script("return [...document.querySelectorAll("
                + "'#result-list img')].every(i => i.complete && i.naturalWidth > 0)"));
        return urls;
    }

    private static void waitForScrollToSettle() {
        wait(Duration.ofSeconds(5)).pollingEvery(Duration.ofMillis(200)).until(new java.util.function.Function<>() {
            private Object last;

            @Override
            public Boolean apply(WebDriver d) {
                Object now = script("return window.scrollY");
                boolean settled = now.equals(last);
                last = now;
                return settled;
            }
        });
    }

    private static void assertNoHorizontalScroll() {
        long overflow = ((Number) script("const e = document.documentElement; return e.scrollWidth - e.clientWidth;"))
                .longValue();
        assertThat(overflow).as("the page is no wider than the window").isLessThanOrEqualTo(0);
    }

    // ---- pictures ----

    /** A smooth, slightly textured background with a red bar at {@link #BAR}, saved as a PNG. */
    private Path scene(String name) throws IOException {
        int[] pixels = new int[W * H];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                int grain = (x * 7 + y * 13) % 5;
                int r = 40 + x * 60 / W + grain;
                int g = 90 + y * 80 / H + grain;
                int b = 150 - x * 40 / W;
                boolean bar = x >= BAR[0] && x < BAR[0] + BAR[2] && y >= BAR[1] && y < BAR[1] + BAR[3];
                pixels[y * W + x] = bar ? 0xFFE01010 : 0xFF000000 | r << 16 | g << 8 | b;
            }
        }
        return Files.write(files.resolve(name), TestImages.png(new ArgbImage(W, H, pixels, false)));
    }

    private static ArgbImage download(TestServer server, String url) throws IOException {
        HttpResponse<byte[]> response = server.get(url);
        assertThat(response.statusCode()).isEqualTo(200);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(response.body()));
        int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        return new ArgbImage(image.getWidth(), image.getHeight(), pixels, false);
    }

    private int[] original() throws IOException {
        BufferedImage image = ImageIO.read(files.resolve("photo.png").toFile());
        return image.getRGB(0, 0, W, H, null, 0, W);
    }

    /**
     * Every pixel outside the strokes (as wide as the brush, plus a pixel for the brush's soft edge) is the photo's
     * as it was {@code before}, and pixels did change under them.
     */
    private static void assertChangedOnlyUnder(ArgbImage result, int[] before, List<double[]> strokes) {
        assertThat(result.width()).isEqualTo(W);
        assertThat(result.height()).isEqualTo(H);
        double radius = BRUSH / 2.0 / photoOnScreen()[2] + 1.5;
        int changed = 0;
        List<String> strays = new ArrayList<>();
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                if (result.pixels()[y * W + x] == before[y * W + x]) {
                    continue;
                }
                changed++;
                int px = x;
                int py = y;
                boolean under = strokes.stream().anyMatch(s -> distance(px + 0.5, py + 0.5, s) <= radius);
                if (!under && strays.size() < 10) {
                    strays.add(x + "," + y);
                }
            }
        }
        assertThat(strays).as("pixels changed away from the strokes").isEmpty();
        assertThat(changed).as("pixels changed under the strokes").isGreaterThan(200);
    }

    private static double distance(double x, double y, double[] s) {
        double dx = s[2] - s[0];
        double dy = s[3] - s[1];
        double t = Math.max(0, Math.min(1, ((x - s[0]) * dx + (y - s[1]) * dy) / (dx * dx + dy * dy)));
        return Math.hypot(x - (s[0] + t * dx), y - (s[1] + t * dy));
    }

    private static int redPixelsLeft(ArgbImage image) {
        int red = 0;
        for (int argb : image.pixels()) {
            int r = argb >> 16 & 0xFF;
            int g = argb >> 8 & 0xFF;
            red += r > 160 && g < 60 ? 1 : 0;
        }
        return red;
    }

    /** Runs a copied command as a person would, in bash, with their key in the environment. */
    private static String run(String command, Path folder, String key) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", command).directory(folder.toFile())
                .redirectErrorStream(false);
        builder.environment().put("BRUSHWORK_KEY", key);
        Process process = builder.start();
        byte[] out = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(new String(process.getErrorStream().readAllBytes(),
                StandardCharsets.UTF_8)).isZero();
        return new String(out, StandardCharsets.UTF_8);
    }
}
