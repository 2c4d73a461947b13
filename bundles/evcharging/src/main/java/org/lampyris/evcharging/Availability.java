package org.lampyris.evcharging;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import org.lampyris.internal.durable.DurableFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the charge point is in service, as a back office set it (OCPP ChangeAvailability), kept in the bundle's
 * data area across restarts (OCPP 1.6: an Inoperative connector stays so after a reboot). A change asked for while a
 * session runs waits for its end. Confined to the charger's decision thread, except {@link #operative()}.
 */
final class Availability {
    private static final Logger LOG = LoggerFactory.getLogger(Availability.class);
    private static final String OPERATIVE = "operative";
    private static final String INOPERATIVE = "inoperative";
    private static final String AFTER_SESSION = "inoperative-after-session";

    private final Path file;
    private volatile boolean operative = true;
    private boolean outAfterSession;

    /** @param file where it is kept, or null to keep it in memory only */
    Availability(Path file) {
        this.file = file;
        if (file == null) {
            return;
        }
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8).strip();
            operative = !text.equals(INOPERATIVE);
            outAfterSession = text.equals(AFTER_SESSION);
        } catch (NoSuchFileException e) {
            // never changed: in service
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** @return whether the charge point is in service now */
    boolean operative() {
        return operative;
    }

    /**
     * @param wanted in service or not
     * @param sessionRuns whether a session runs now
     * @return whether it changed now (false: it waits for the session to end, or was so already)
     */
    boolean set(boolean wanted, boolean sessionRuns) {
        boolean was = operative;
        boolean after = !wanted && sessionRuns && operative;
        boolean now = wanted || after;
        save(now, after); // first: a change that cannot be kept is not made
        operative = now;
        outAfterSession = after;
        return was != now;
    }

    /** @return whether a change waits for the running session to end */
    boolean waitsForSession() {
        return outAfterSession;
    }

    /** The running session ended: a change that waited for it takes effect. @return whether it did */
    boolean sessionEnded() {
        if (!outAfterSession) {
            return false;
        }
        save(false, false);
        operative = false;
        outAfterSession = false;
        LOG.info("EV charging: the charge point is out of service now that the session has ended");
        return true;
    }

    private void save(boolean operative, boolean outAfterSession) {
        if (file == null) {
            return;
        }
        String text = outAfterSession ? AFTER_SESSION : operative ? OPERATIVE : INOPERATIVE;
        try {
            DurableFile.write(file, (text + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the availability in " + file, e);
        }
    }
}
