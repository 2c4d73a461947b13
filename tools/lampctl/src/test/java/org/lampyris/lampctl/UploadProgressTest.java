package org.lampyris.lampctl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** Upload progress as an engineer reads it in a log or on a terminal. */
class UploadProgressTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    @Test
    void inALogEachTenthAcknowledgedIsOneLine() {
        UploadProgress progress = new UploadProgress(err, "h: PUT /mgmt/bundles/b b.jar", 10_000, false);
        for (long sent = 1024; sent < 10_000; sent += 1024) {
            progress.acknowledged(sent);
        }
        progress.finished(true);

        assertThat(bytes.toString(StandardCharsets.UTF_8).lines()).containsExactly(
                "h: PUT /mgmt/bundles/b b.jar: 1024/10000 bytes (10%)",
                "h: PUT /mgmt/bundles/b b.jar: 2048/10000 bytes (20%)",
                "h: PUT /mgmt/bundles/b b.jar: 3072/10000 bytes (30%)",
                "h: PUT /mgmt/bundles/b b.jar: 4096/10000 bytes (40%)",
                "h: PUT /mgmt/bundles/b b.jar: 5120/10000 bytes (51%)",
                "h: PUT /mgmt/bundles/b b.jar: 6144/10000 bytes (61%)",
                "h: PUT /mgmt/bundles/b b.jar: 7168/10000 bytes (71%)",
                "h: PUT /mgmt/bundles/b b.jar: 8192/10000 bytes (81%)",
                "h: PUT /mgmt/bundles/b b.jar: 9216/10000 bytes (92%)",
                "h: PUT /mgmt/bundles/b b.jar: 10000/10000 bytes (100%)");
    }

    @Test
    void aRefusedUploadShowsWhereItStopped() {
        UploadProgress progress = new UploadProgress(err, "h: PUT /x j", 10_000, false);
        progress.acknowledged(1024);
        progress.acknowledged(2048);
        progress.acknowledged(2560);
        progress.finished(false);

        assertThat(bytes.toString(StandardCharsets.UTF_8).lines()).containsExactly("h: PUT /x j: 1024/10000 bytes (10%)",
                "h: PUT /x j: 2048/10000 bytes (20%)", "h: PUT /x j: 2560/10000 bytes (25%)");
    }

    @Test
    void onATerminalOneLineIsRewrittenInPlace() {
        UploadProgress progress = new UploadProgress(err, "h: PUT /x j", 2048, true);
        progress.acknowledged(1024);
        progress.working();

        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("\rh: PUT /x j: 1024/2048 bytes (50%)"
                + "\rh: PUT /x j: 2048/2048 bytes (100%)\nh: PUT /x j: received; waiting for the post to apply it\n");
    }
}
