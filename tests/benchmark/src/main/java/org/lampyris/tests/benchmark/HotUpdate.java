package org.lampyris.tests.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One hot update of the dimming plugin on a running platform, as an engineer does it, measured from outside:
 * <ol>
 * <li>a newer signed release of the distribution's own dimming JAR is made ({@link SignedRelease});</li>
 * <li>{@link PointPoll} reads {@link #POINT} every 2 ms and {@link OtherPointReads} reads other plugins' points;</li>
 * <li>the engineer PUTs the JAR to {@code /mgmt/bundles/org.lampyris.dimming} over DTLS, block-wise; the post
 * acknowledges the last block, applies the update, and answers 2.04 after its health window;</li>
 * <li>the other reads stop with that answer, and GET {@code /mgmt/bundles/org.lampyris.dimming} must list the new
 * version.</li>
 * </ol>
 * The time to serve again runs from the end of the upload (the post's acknowledgement of the last block) to the first
 * 2.05 of {@link #POINT} to a read sent after the point was seen withdrawn. A run whose update did not commit, whose
 * bundle list does not show the new version, or in which the withdrawal was not seen, has no time: it says why.
 */
final class HotUpdate {
    static final String BUNDLE = "org.lampyris.dimming";
    /** The dimming plugin's point, withdrawn with the old bundle and published again by the new one. */
    static final String POINT = "/light/level";
    private static final Pattern VERSION = Pattern.compile("\"version\"\\s*:\\s*\"([^\"]*)\"");
    private static final Pattern OUTCOME = Pattern.compile("\"outcome\"\\s*:\\s*\"([^\"]*)\"");

    /**
     * What one hot update came to.
     *
     * @param committed       whether the PUT was answered 2.04 and the bundle list then showed the new version
     * @param millis          end of the upload to the new version's first answer, NaN when not valid
     * @param otherReads      reads of other points sent while the update ran: from 50 ms before the first block to
     *                        the final answer
     * @param otherFailed     of those, the ones without a 2.05 in time
     * @param description     a line for the progress output: the versions, the moments, and any reason it is not valid
     */
    record Outcome(boolean committed, double millis, long otherReads, long otherFailed, String description) {
        boolean valid() {
            return committed && !Double.isNaN(millis);
        }
    }

    private HotUpdate() {
    }

    /**
     * @param qualifier the new version's qualifier, different in every repetition
     * @param work      a folder for the JAR
     */
    static Outcome run(Path distribution, int port, int dtlsPort, String qualifier, Path work,
            Consumer<Process> onStart) throws IOException, InterruptedException {
        Files.createDirectories(work);
        SignedRelease release = SignedRelease.newer(distribution, BUNDLE, qualifier, work, onStart);
        byte[] jar = release.bytes();
        Upload upload;
        OtherPointReads.Count others;
        OptionalLong newAnswer;
        try (DtlsEngineer engineer = new DtlsEngineer(dtlsPort)) {
            String before = version(engineer.get("/mgmt/bundles/" + BUNDLE));
            try (PointPoll poll = new PointPoll(port, POINT); OtherPointReads reads = new OtherPointReads(port)) {
                Thread.sleep(50); // both readers running before the first block
                DtlsEngineer.Upload put = engineer.put("/mgmt/bundles/" + BUNDLE, jar);
                others = reads.stop();
                long end = put.lastBlockAck() >= 0 ? put.lastBlockAck() : put.lastBlockSent();
                newAnswer = end < 0 ? OptionalLong.empty() : poll.newVersionAnswered(end);
                upload = new Upload(put, end, poll.codesSince(end).toString());
            }
            String after = engineer.get("/mgmt/bundles/" + BUNDLE);
            return outcome(release, jar.length, before, after, upload, others, newAnswer);
        } finally {
            Files.deleteIfExists(release.jar());
        }
    }

    private record Upload(DtlsEngineer.Upload put, long end, String codesSeen) {
    }

    private static Outcome outcome(SignedRelease release, int size, String before, String afterJson, Upload u,
            OtherPointReads.Count others, OptionalLong newAnswer) {
        DtlsEngineer.Upload put = u.put();
        String after = version(afterJson);
        String outcome = match(OUTCOME, afterJson);
        boolean committed = put.code().equals("2.04") && release.version().equals(after);
        StringBuilder text = new StringBuilder();
        text.append(String.format(java.util.Locale.ROOT, "%s %s -> %s (%d bytes, signed): PUT answered %s%s; "
                + "bundle list: %s (last transaction %s)", BUNDLE, before, release.version(), size, put.code(),
                put.code().equals("2.04") ? "" : " " + put.text(), after, outcome));
        if (put.firstBlock() >= 0 && put.lastBlockSent() >= 0) {
            text.append(String.format(java.util.Locale.ROOT, "; upload %.0f ms, last block acknowledged after %s",
                    (put.lastBlockSent() - put.firstBlock()) / 1e6, put.lastBlockAck() < 0 ? "(no ACK seen: from "
                    + "the last block's sending)" : String.format(java.util.Locale.ROOT, "%.2f ms",
                    (put.lastBlockAck() - put.lastBlockSent()) / 1e6)));
        }
        double millis = Double.NaN;
        if (!committed) {
            text.append("; INVALID: the update did not commit to ").append(release.version());
        } else if (u.end() < 0) {
            text.append("; INVALID: the last block was not seen on the wire");
        } else if (newAnswer.isEmpty()) {
            text.append("; INVALID: ").append(POINT).append(" was not seen withdrawn and answering again after the "
                    + "upload (answers seen: ").append(u.codesSeen()).append(')');
        } else {
            millis = (newAnswer.getAsLong() - u.end()) / 1e6;
            text.append(String.format(java.util.Locale.ROOT, "; %s answered %s, then 2.05 again %.1f ms after the "
                    + "end of the upload; final answer %.0f ms after it", POINT, u.codesSeen(), millis,
                    (put.answered() - u.end()) / 1e6));
        }
        text.append(String.format(java.util.Locale.ROOT, "; other points: %d reads, %d failed%s", others.sent(),
                others.failed(), others.failures().isEmpty() ? "" : " " + others.failures()));
        return new Outcome(committed, millis, others.sent(), others.failed(), text.toString());
    }

    private static String version(String json) {
        return match(VERSION, json);
    }

    private static String match(Pattern pattern, String json) {
        Matcher m = pattern.matcher(json);
        return m.find() ? m.group(1) : "(none)";
    }
}
