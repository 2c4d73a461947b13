package org.lampyris.lampctl;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.lampyris.internal.durable.DurableFile;

/**
 * What a wave rollout has done so far, kept in a file after every post (written durably: a temporary file, fsync,
 * atomic rename, fsync of the folder), so that the same command run again continues where it stopped and never sends
 * the bundle twice to a post that took it. The file names the bundle by its SHA-256: another JAR is another rollout.
 * {@code lampctl serve} reads these files to show a running rollout's progress.
 */
final class RolloutState {
    /** What became of one post. */
    enum Outcome {
        /** The update was sent; no answer recorded yet (lampctl stopped while the post applied it). */
        UPDATING,
        /** The post committed the bundle. */
        UPDATED,
        /** The post refused it, or reverted it after its health window. */
        REFUSED,
        /** The post did not answer. */
        UNREACHABLE
    }

    /** One post's record: what became of it, and the post's words. */
    record Entry(Outcome outcome, String detail) {
        boolean failed() {
            return outcome == Outcome.REFUSED || outcome == Outcome.UNREACHABLE;
        }
    }

    private final Path file;
    private final String bundle;
    private final String version;
    private final String sha256;
    private final Map<String, Entry> posts = new LinkedHashMap<>();
    private String phase = "running";
    private int wave;
    private int waves;
    private int total;

    private RolloutState(Path file, String bundle, String version, String sha256) {
        this.file = file;
        this.bundle = bundle;
        this.version = version;
        this.sha256 = sha256;
    }

    /**
     * The default state file of a rollout: under {@code $XDG_STATE_HOME/lampctl/rollouts} (or
     * {@code ~/.local/state/...}), named after the bundle, its version and a digest of the JAR and the hosts, so that
     * the same command finds the same file and another rollout another.
     */
    static Path defaultFile(Map<String, String> env, BundleJar jar, List<HostAddress> hosts) {
        return folder(env).resolve(jar.symbolicName() + "-" + jar.version() + "-"
                + digest(sha256(jar.bytes()) + hosts).substring(0, 12) + ".state");
    }

    /** @return where rollouts keep their state by default */
    static Path folder(Map<String, String> env) {
        String xdg = env.get("XDG_STATE_HOME");
        String home = env.get("HOME");
        Path base = xdg != null && !xdg.isEmpty() ? Path.of(xdg)
                : home != null && !home.isEmpty() ? Path.of(home, ".local", "state")
                        : Path.of(System.getProperty("java.io.tmpdir"));
        return base.resolve("lampctl").resolve("rollouts");
    }

    /**
     * @return the state in the file, or a new one when there is none
     * @throws UsageException when the file cannot be read, or is of another JAR
     */
    static RolloutState open(Path file, BundleJar jar) throws UsageException {
        RolloutState state = new RolloutState(file, jar.symbolicName(), jar.version(), sha256(jar.bytes()));
        Properties p;
        try {
            p = read(file);
        } catch (NoSuchFileException e) {
            return state;
        } catch (IOException e) {
            throw new UsageException("rollout state " + file + ": cannot read it (" + e.getMessage() + ")");
        }
        if (!state.sha256.equals(p.getProperty("sha256"))) {
            throw new UsageException("rollout state " + file + " is of another JAR (" + p.getProperty("bundle") + " "
                    + p.getProperty("version") + "); give another --state file");
        }
        state.load(p);
        return state;
    }

    /** @return the state in a file, for the page; null when it cannot be read */
    static Map<String, Object> summary(Path file) {
        try {
            Properties p = read(file);
            RolloutState state = new RolloutState(file, p.getProperty("bundle"), p.getProperty("version"),
                    p.getProperty("sha256"));
            state.load(p);
            return state.summary();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static Properties read(Path file) throws IOException {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        }
        return p;
    }

    private void load(Properties p) {
        phase = p.getProperty("phase", "stopped");
        wave = Integer.parseInt(p.getProperty("wave", "0"));
        waves = Integer.parseInt(p.getProperty("waves", "0"));
        total = Integer.parseInt(p.getProperty("posts", "0"));
        for (int i = 0; p.getProperty("post." + i + ".host") != null; i++) {
            posts.put(p.getProperty("post." + i + ".host"), new Entry(Outcome.valueOf(p.getProperty("post." + i
                    + ".outcome")), p.getProperty("post." + i + ".detail", "")));
        }
    }

    synchronized Entry entry(HostAddress host) {
        return posts.get(host.toString());
    }

    /** Records what became of a post and writes the file before returning. */
    synchronized void record(HostAddress host, Outcome outcome, String detail) {
        posts.put(host.toString(), new Entry(outcome, detail == null ? "" : detail));
        save();
    }

    /** Records where the rollout is: {@code running} in wave n of m, {@code stopped} or {@code finished}. */
    synchronized void progress(String phase, int wave, int waves, int total) {
        this.phase = phase;
        this.wave = wave;
        this.waves = waves;
        this.total = total;
        save();
    }

    Path file() {
        return file;
    }

    private void save() {
        StringBuilder text = new StringBuilder("# lampctl rollout state: written after each post; the same rollout "
                + "command reads it to continue where it stopped\n");
        Properties p = new Properties();
        p.setProperty("bundle", bundle);
        p.setProperty("version", version);
        p.setProperty("sha256", sha256);
        p.setProperty("phase", phase);
        p.setProperty("wave", Integer.toString(wave));
        p.setProperty("waves", Integer.toString(waves));
        p.setProperty("posts", Integer.toString(total));
        p.setProperty("updatedAt", Instant.now().toString());
        int i = 0;
        for (Map.Entry<String, Entry> e : posts.entrySet()) {
            p.setProperty("post." + i + ".host", e.getKey());
            p.setProperty("post." + i + ".outcome", e.getValue().outcome().name());
            p.setProperty("post." + i + ".detail", e.getValue().detail());
            i++;
        }
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            bytes.write(text.toString().getBytes(StandardCharsets.ISO_8859_1));
            p.store(bytes, null);
            DurableFile.createFolders(file.toAbsolutePath().getParent());
            DurableFile.write(file, bytes.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException("rollout state " + file + ": cannot write it (" + e.getMessage() + ")", e);
        }
    }

    private Map<String, Object> summary() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("bundle", bundle);
        json.put("version", version);
        json.put("phase", phase);
        json.put("wave", wave);
        json.put("waves", waves);
        json.put("posts", total);
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Outcome o : Outcome.values()) {
            counts.put(o.name().toLowerCase(java.util.Locale.ROOT), 0);
        }
        posts.values().forEach(e -> counts.merge(e.outcome().name().toLowerCase(java.util.Locale.ROOT), 1,
                Integer::sum));
        json.put("counts", counts);
        Map<String, String> each = new LinkedHashMap<>();
        posts.forEach((host, e) -> each.put(host, e.outcome().name().toLowerCase(java.util.Locale.ROOT)));
        json.put("outcomes", each);
        return json;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e); // every Java has SHA-256
        }
    }

    private static String digest(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }
}
