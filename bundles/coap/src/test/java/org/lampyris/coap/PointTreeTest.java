package org.lampyris.coap;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.eclipse.californium.core.CoapResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.lampyris.api.point.Point;
import org.lampyris.api.point.PointInfo;
import org.lampyris.api.point.Reading;
import org.lampyris.api.point.StandardPoint;

class PointTreeTest {
    private final CoapResource root = new CoapResource("");
    private final PluginCalls calls = new PluginCalls(500, 4, 16);
    private final java.util.concurrent.ScheduledExecutorService notifier = java.util.concurrent.Executors
            .newSingleThreadScheduledExecutor();
    private final PointTree tree = new PointTree(root, new PostIdentity("t"), calls, notifier, 0,
            bundle -> Quarantine.NONE);

    @AfterEach
    void tearDown() {
        calls.close();
        notifier.shutdownNow();
    }

    private static Point point(StandardPoint standard) {
        return point(standard, 1);
    }

    private static Point point(StandardPoint standard, double value) {
        return new Point() {
            @Override
            public PointInfo info() {
                return standard.info();
            }

            @Override
            public Reading read() {
                return Reading.of(value, Instant.EPOCH);
            }
        };
    }

    @Test
    void wellFormedPathsAreAcceptedAndMalformedOnesGetAReason() {
        assertThat(PointTree.validate("/light/level")).isNull();
        assertThat(PointTree.validate("/vendor/acme-1/x")).isNull();
        assertThat(PointTree.validate("light/level")).contains("start with /");
        assertThat(PointTree.validate("/Light")).contains("'Light'");
        assertThat(PointTree.validate("/a//b")).contains("''");
        assertThat(PointTree.validate("/a/b/c/d/e")).contains("more than 4");
        assertThat(PointTree.validate("/.well-known/x")).contains("reserved");
        assertThat(PointTree.validate("/mgmt/x")).contains("reserved");
        assertThat(PointTree.validate("")).contains("lampyris.point.path");
    }

    @Test
    void folderResourcesComeWithTheFirstPointAndGoWithTheLast() {
        assertThat(tree.add(1, "/light/level", point(StandardPoint.LIGHT_LEVEL), 0, null)).isTrue();
        assertThat(tree.add(2, "/light/power", point(StandardPoint.LIGHT_POWER), 0, null)).isTrue();
        assertThat(root.getChild("light")).isInstanceOf(CollectionResource.class);
        tree.remove(1);
        assertThat(root.getChild("light").getChild("level")).isNull();
        assertThat(root.getChild("light").getChild("power")).isNotNull();
        tree.remove(2);
        assertThat(root.getChild("light")).isNull();
        assertThat(tree.paths()).isEmpty();
    }

    @Test
    void aTakenPathIsRefusedAndRecordedUntilTheRefusedServiceGoes() {
        tree.add(1, "/light/level", point(StandardPoint.LIGHT_LEVEL), 0, null);
        assertThat(tree.add(2, "/light/level", point(StandardPoint.LIGHT_LEVEL), 0, null)).isFalse();
        assertThat(tree.add(3, "/light/level/x", point(StandardPoint.LIGHT_LEVEL), 0, null)).isFalse();
        assertThat(tree.refusals()).extracting(PointTree.Refusal::serviceId).containsExactly(2L, 3L);
        assertThat(tree.refusals().get(0).reason()).contains("already taken by service 1");
        tree.remove(2);
        assertThat(tree.refusals()).extracting(PointTree.Refusal::serviceId).containsExactly(3L);
        assertThat(tree.paths()).isEqualTo(List.of("/light/level"));
    }

    @Test
    void theSamePointOfferedTwiceIsPublishedOnce() {
        assertThat(tree.add(1, "/light/level", point(StandardPoint.LIGHT_LEVEL), 0, null)).isTrue();
        assertThat(tree.add(1, "/light/level", point(StandardPoint.LIGHT_LEVEL), 0, null)).isTrue();
        assertThat(tree.refusals()).isEmpty();
        tree.remove(1);
        assertThat(tree.paths()).isEmpty();
    }

    @Test
    void aPointWhoseInfoFailsIsNotPublished() {
        Point broken = new Point() {
            @Override
            public PointInfo info() {
                throw new IllegalStateException("no info today");
            }

            @Override
            public Reading read() {
                return null;
            }
        };
        assertThat(tree.add(1, "/x/y", broken, 0, null)).isFalse();
        assertThat(tree.refusals().get(0).reason()).contains("no info today");
        assertThat(root.getChild("x")).isNull();
    }

    @Test
    void whenTheHolderOfAPathGoesTheBestRefusedPointTakesItOver() throws Exception {
        tree.add(10, "/vendor/x", point(StandardPoint.LIGHT_LEVEL, 10), 0, null);
        assertThat(tree.add(11, "/vendor/x", point(StandardPoint.LIGHT_LEVEL, 11), 0, null)).isFalse();
        assertThat(tree.add(12, "/vendor/x", point(StandardPoint.LIGHT_LEVEL, 12), 5, null)).isFalse();
        assertThat(tree.add(13, "/vendor/x", point(StandardPoint.LIGHT_LEVEL, 13), 0, null)).isFalse();

        tree.remove(10); // the highest ranking wins
        assertThat(published("/vendor/x")).isEqualTo(12.0);
        assertThat(tree.refusals()).extracting(PointTree.Refusal::serviceId).containsExactly(11L, 13L);
        tree.remove(12); // equal rankings: the lowest service id wins
        assertThat(published("/vendor/x")).isEqualTo(11.0);
        tree.remove(13); // a waiting candidate that goes is forgotten
        tree.remove(11);
        assertThat(tree.paths()).isEmpty();
        assertThat(tree.refusals()).isEmpty();
    }

    @Test
    void aPointWithdrawnBeforeItsInfoArrivedIsNeverPublished() throws Exception {
        java.util.concurrent.CountDownLatch asked = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch answer = new java.util.concurrent.CountDownLatch(1);
        Point slow = new Point() {
            @Override
            public PointInfo info() {
                asked.countDown();
                try {
                    answer.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return StandardPoint.LIGHT_LEVEL.info();
            }

            @Override
            public Reading read() {
                return Reading.of(1, Instant.EPOCH);
            }
        };
        java.util.concurrent.CompletableFuture<Boolean> added = java.util.concurrent.CompletableFuture
                .supplyAsync(() -> tree.add(1, "/light/level", slow, 0, null));
        asked.await();
        tree.remove(1);
        answer.countDown();
        assertThat(added.get()).isFalse();
        assertThat(tree.paths()).isEmpty();
        assertThat(root.getChild("light")).isNull();
    }

    private double published(String path) throws Exception {
        String[] segments = path.substring(1).split("/");
        org.eclipse.californium.core.server.resources.Resource r = root;
        for (String segment : segments) {
            r = r.getChild(segment);
        }
        return ((PointResource) r).record().reading().number();
    }
}
