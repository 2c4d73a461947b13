package org.lampyris.evcharging;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.lampyris.internal.durable.DurableFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sessions kept on disk, in the bundle's data area, so that they survive a restart and a power cut.
 * <p>
 * A save replaces the file durably ({@link DurableFile}): after a power cut the file is either the old one or the
 * new one, never a torn mixture, and once the save returns, the new one. A
 * file that cannot be read all the same (a failing flash, an edit by hand) is reported and set aside under another
 * name for an engineer to look at; the plugin then starts with no recorded sessions rather than not at all.
 * <p>
 * The format is UTF-8 text: a header line, one line per session with tab-separated fields (id, identifier or empty
 * for free charging, start, end, meter at the start in Wh, energy in Wh, end reason or {@code running}), newest
 * first, and a closing line that proves the file is complete.
 */
final class SessionFile {
    static final String HEADER = "lampyris-ev-sessions 1";
    static final String FOOTER = "end";
    private static final String RUNNING = "running";
    private static final int FIELDS = 7;
    private static final Logger LOG = LoggerFactory.getLogger(SessionFile.class);

    private final Path path;

    /** @param path where the sessions are kept; its folder is created if need be */
    SessionFile(Path path) {
        this.path = path;
    }

    /** @return where the sessions are kept */
    Path path() {
        return path;
    }

    /**
     * Reads the sessions; never fails. A corrupt file (not of this format, or cut short) is logged and renamed to
     * {@code <name>.corrupt-<seconds>}. A whole file with some session lines that cannot be read keeps the others:
     * the lines are named in the log and a copy of the file is kept under that name.
     *
     * @param now the post time, which names a file set aside
     * @return the sessions, newest first; empty when there is no file or it was corrupt
     */
    List<ChargingSession> load(Instant now) {
        if (!Files.exists(path)) {
            return List.of();
        }
        try {
            List<String> problems = new ArrayList<>();
            List<ChargingSession> sessions = parse(Files.readAllLines(path, UTF_8), problems);
            if (!problems.isEmpty()) {
                keepCopy(now, problems, sessions.size());
            }
            return sessions;
        } catch (IOException | IllegalArgumentException e) {
            setAside(now, e);
            return List.of();
        }
    }

    private void keepCopy(Instant now, List<String> problems, int kept) {
        Path copy = aside(now);
        String leftOut = String.format("EV sessions file %s: %s left out (%s), the %d other sessions kept", path,
                problems.size() == 1 ? "a session" : problems.size() + " sessions", String.join("; ", problems), kept);
        try {
            Files.copy(path, copy, StandardCopyOption.REPLACE_EXISTING);
            LOG.error("{}; the file as it was is kept as {}", leftOut, copy.getFileName());
        } catch (IOException e) {
            LOG.error("{}; no copy of the file could be kept ({})", leftOut, e.toString());
        }
    }

    /** @return where a file that cannot be read (or a copy of one) is set aside: {@code <name>.corrupt-<seconds>} */
    private Path aside(Instant now) {
        return path.resolveSibling(path.getFileName() + ".corrupt-" + now.getEpochSecond());
    }

    /**
     * Replaces the file with these sessions, atomically.
     *
     * @param sessions newest first, at most one of them running
     * @throws IOException if they could not be written; the previous file is then untouched
     */
    void save(List<ChargingSession> sessions) throws IOException {
        Files.createDirectories(path.toAbsolutePath().getParent());
        DurableFile.write(path, format(sessions).getBytes(UTF_8));
    }

    private void setAside(Instant now, Exception why) {
        Path aside = aside(now);
        try {
            Files.move(path, aside, StandardCopyOption.REPLACE_EXISTING);
            LOG.error("EV sessions file {} is unreadable ({}): set aside as {}; starting with no recorded sessions",
                    path, why.getMessage(), aside.getFileName());
        } catch (IOException e) {
            LOG.error("EV sessions file {} is unreadable ({}) and cannot be set aside ({}); starting with no "
                    + "recorded sessions, the next save replaces it", path, why.getMessage(), e.toString());
        }
    }

    static String format(List<ChargingSession> sessions) {
        StringBuilder out = new StringBuilder(HEADER).append('\n');
        for (ChargingSession s : sessions) {
            out.append(s.id()).append('\t')
                    .append(s.identifier() == null ? "" : s.identifier()).append('\t')
                    .append(s.start()).append('\t')
                    .append(s.end()).append('\t')
                    .append(s.startMeterWattHours()).append('\t')
                    .append(s.energyWattHours()).append('\t')
                    .append(s.running() ? RUNNING : s.reason().text()).append('\n');
        }
        return out.append(FOOTER).append('\n').toString();
    }

    /** @throws IllegalArgumentException naming the first line that is not as {@link #format} writes it */
    static List<ChargingSession> parse(List<String> lines) {
        List<String> problems = new ArrayList<>();
        List<ChargingSession> sessions = parse(lines, problems);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(problems.get(0));
        }
        return sessions;
    }

    /**
     * @param problems where a session line that cannot be read is named, and left out
     * @throws IllegalArgumentException if the file is not of this format or is cut short
     */
    static List<ChargingSession> parse(List<String> lines, List<String> problems) {
        if (lines.isEmpty() || !lines.get(0).equals(HEADER)) {
            throw new IllegalArgumentException("line 1: expected '" + HEADER + "'");
        }
        if (lines.size() < 2 || !lines.get(lines.size() - 1).equals(FOOTER)) {
            throw new IllegalArgumentException("the file is incomplete: no closing '" + FOOTER + "' line");
        }
        List<ChargingSession> sessions = new ArrayList<>();
        boolean running = false;
        for (int i = 1; i < lines.size() - 1; i++) {
            ChargingSession s;
            try {
                s = parseSession(lines.get(i));
            } catch (RuntimeException e) {
                problems.add("line " + (i + 1) + ": " + e.getMessage());
                continue;
            }
            if (s.running() && running) {
                problems.add("line " + (i + 1) + ": a second running session");
                continue;
            }
            running |= s.running();
            sessions.add(s);
        }
        return sessions;
    }

    private static ChargingSession parseSession(String line) {
        String[] f = line.split("\t", -1);
        if (f.length != FIELDS) {
            throw new IllegalArgumentException("expected " + FIELDS + " tab-separated fields, got " + f.length);
        }
        long id = Long.parseLong(f[0]);
        String identifier = f[1].isEmpty() ? null : Identifier.check(f[1]);
        Instant start = Instant.parse(f[2]);
        Instant end = Instant.parse(f[3]);
        double startMeter = Double.parseDouble(f[4]);
        double energy = Double.parseDouble(f[5]);
        EndReason reason = f[6].equals(RUNNING) ? null : EndReason.ofText(f[6]);
        if (id <= 0 || end.isBefore(start) || !Double.isFinite(startMeter) || !(energy >= 0)
                || !Double.isFinite(energy)) {
            throw new IllegalArgumentException("values out of range (session " + f[0] + ")");
        }
        return new ChargingSession(id, identifier, start, end, startMeter, energy, reason);
    }
}
