package io.squall.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.squall.Await;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Drives headless Chromium through ChromeDriver with the W3C WebDriver HTTP protocol: the few commands the
 * dashboard's browser tests need. Starts its own ChromeDriver on a free port, with a fresh browser profile
 * directory under {@code target/}; close to quit both and delete the profile (ChromeDriver's log stays beside it,
 * for a failed test).
 */
public final class WebDriverClient implements AutoCloseable {
    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final String ELEMENT = "element-6066-11e4-a52e-4f735466cecf";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Process driver;
    private final String base;
    private final String session;
    private final Path ownedProfile;

    /** A WebDriver error answered by ChromeDriver. */
    public static final class WebDriverException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final String error;

        WebDriverException(String error, String message) {
            super(error + ": " + message);
            this.error = error;
        }
    }

    /** A browser with a profile directory of its own, deleted when it is closed. */
    public WebDriverClient() throws IOException {
        this(newProfile(), true);
    }

    /** A browser with its profile in {@code profileDir}, which the caller deletes. */
    public WebDriverClient(Path profileDir) throws IOException {
        this(profileDir, false);
    }

    private static Path newProfile() throws IOException {
        requireBrowser();
        Path target = Path.of("target").toAbsolutePath();
        Files.createDirectories(target);
        return Files.createTempDirectory(target, "chromium-profile");
    }

    private WebDriverClient(Path profileDir, boolean owned) throws IOException {
        ownedProfile = owned ? profileDir : null;
        requireBrowser();
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        base = "http://127.0.0.1:" + port;
        File log = profileDir.resolveSibling(profileDir.getFileName() + "-chromedriver.log").toFile();
        try {
            driver = new ProcessBuilder(CHROMEDRIVER.toString(), "--port=" + port)
                    .redirectErrorStream(true).redirectOutput(log).start();
        } catch (IOException e) {
            deleteOwnedProfile();
            throw e;
        }
        try {
            Await.until(Duration.ofSeconds(20), this::ready, () -> "ChromeDriver ready on " + base + " (log: " + log + ")");
            ObjectNode options = JSON.createObjectNode();
            options.put("binary", CHROMIUM.toString());
            options.putPOJO("args", List.of("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--disable-dev-shm-usage", "--window-size=1400,1500", "--user-data-dir=" + profileDir));
            ObjectNode caps = JSON.createObjectNode();
            caps.putObject("capabilities").putObject("alwaysMatch").put("browserName", "chrome")
                    .set("goog:chromeOptions", options);
            session = call("POST", "/session", caps).get("sessionId").asText();
        } catch (RuntimeException e) {
            driver.destroyForcibly();
            deleteOwnedProfile();
            throw e;
        }
    }

    private static void requireBrowser() {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new IllegalStateException("The browser test needs " + CHROMIUM + " and " + CHROMEDRIVER
                    + ": apt-get install -y chromium chromium-driver (.ci/run does this)");
        }
    }

    private boolean ready() {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/status")).build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 && JSON.readTree(r.body()).path("value").path("ready").asBoolean();
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private JsonNode call(String method, String path, Object body) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
            if (body == null) {
                b.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                b.method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                        .header("Content-Type", "application/json");
            }
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode value = JSON.readTree(r.body()).path("value");
            if (r.statusCode() != 200) {
                throw new WebDriverException(value.path("error").asText(), value.path("message").asText());
            }
            return value;
        } catch (IOException e) {
            throw new IllegalStateException("WebDriver call " + method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    private String s(String path) {
        return "/session/" + session + path;
    }

    public void open(String url) {
        call("POST", s("/url"), Map.of("url", url));
    }

    /** Runs a script in the page and returns its result. */
    public JsonNode script(String js, Object... args) {
        return call("POST", s("/execute/sync"), Map.of("script", js, "args", List.of(args)));
    }

    /** Clicks the element matching a CSS selector. */
    public void click(String css) {
        String id = call("POST", s("/element"), Map.of("using", "css selector", "value", css))
                .get(ELEMENT).asText();
        call("POST", s("/element/" + id + "/click"), Map.of());
    }

    /** The text of the open alert, confirm or prompt dialog. */
    public String alertText() {
        return call("GET", s("/alert/text"), null).asText();
    }

    /** Types into the open prompt. */
    public void alertType(String text) {
        call("POST", s("/alert/text"), Map.of("text", text));
    }

    /** Accepts the open dialog. */
    public void acceptAlert() {
        call("POST", s("/alert/accept"), Map.of());
    }

    /** Whether a dialog is open. */
    public boolean alertOpen() {
        try {
            alertText();
            return true;
        } catch (WebDriverException e) {
            if (e.error.equals("no such alert")) {
                return false;
            }
            throw e;
        }
    }

    /** Saves a PNG screenshot of the window. */
    public void screenshot(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, Base64.getDecoder().decode(call("GET", s("/screenshot"), null).asText()));
    }

    @Override
    public void close() {
        try {
            call("DELETE", s(""), null);
        } catch (RuntimeException e) {
            // The browser may be gone already; the driver is killed below either way.
        } finally {
            driver.destroy();
            try {
                if (!driver.waitFor(5, TimeUnit.SECONDS)) {
                    driver.destroyForcibly();
                }
            } catch (InterruptedException e) {
                driver.destroyForcibly();
                Thread.currentThread().interrupt();
            }
            deleteOwnedProfile();
        }
    }

    /** Deletes the profile directory this client made, if it made one; what cannot be deleted is left. */
    private void deleteOwnedProfile() {
        if (ownedProfile == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(ownedProfile)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // Gone already, or unreadable: a leftover under target/ that mvn clean removes.
        }
    }
}
