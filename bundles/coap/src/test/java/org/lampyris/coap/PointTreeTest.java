package org.lampyris.coap;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.eclipse.californium.core.CoapResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.lampyris.api.Subscription;
import org.lampyris.api.point.Point;
import org.lampyris.api.point.PointInfo;
import org.lampyris.api.point.RefusedPoint;
import org.lampyris.api.point.Reading;
import org.lampyris.api.point.StandardPoint;

class PointTreeTest {
    private final CoapResource root = new CoapResource("");
    private final PluginCalls calls = new PluginCalls(500, 4, 16, 30);
    private final java.util.concurrent.ScheduledExecutorService notifier = java.util.concurrent.Executors
            .newSingleThreadScheduledExecutor();
    private final PointTree tree = new PointTree(root, new PointContext(new PostIdentity("t"), calls, notifier, 0,
            1000, bundle -> Quarantine.NONE));

    @AfterEach
    void tearDown() {
        calls.close();
        notifier.shutdownNow();
    }

    private static PointOffer offer(long serviceId, String path, Point point, int ranking) {
        return new PointOffer(serviceId, path, point, ranking, null);
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
        assertThat(tree.add(offer(1, "/light/level", point(StandardPoint.LIGHT_LEVEL), 0))).isTrue();
        assertThat(tree.add(offer(2, "/light/power", point(StandardPoint.LIGHT_POWER), 0))).isTrue();
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
        tree.add(offer(1, "/light/level", point(StandardPoint.LIGHT_LEVEL), 0));
        assertThat(tree.add(offer(2, "/light/level", point(StandardPoint.LIGHT_LEVEL), 0))).isFalse();
        assertThat(tree.add(offer(3, "/light/level/x", point(StandardPoint.LIGHT_LEVEL), 0))).isFalse();
        assertThat(tree.refusals()).extracting(RefusedPoint::serviceId).containsExactly(2L, 3L);
        assertThat(tree.refusals().get(0).reason()).contains("already taken by service 1");
        tree.remove(2);
        assertThat(tree.refusals()).extracting(RefusedPoint::serviceId).containsExactly(3L);
        assertThat(tree.paths()).isEqualTo(List.of("/light/level"));
    }

    @Test
    void theSamePointOfferedTwiceIsPublishedOnce() {
        assertThat(tree.add(offer(1, "/light/level", point(StandardPoint.LIGHT_LEVEL), 0))).isTrue();
        assertThat(tree.add(offer(1, "/light/level", point(StandardPoint.LIGHT_LEVEL), 0))).isTrue();
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
        assertThat(tree.add(offer(1, "/x/y", broken, 0))).isFalse();
        assertThat(tree.refusals().get(0).reason()).contains("no info today");
        assertThat(root.getChild("x")).isNull();
    }

    @Test
    void whenTheHolderOfAPathGoesTheBestRefusedPointTakesItOver() throws Exception {
        tree.add(offer(10, "/vendor/x", point(StandardPoint.LIGHT_LEVEL, 10), 0));
        assertThat(tree.add(offer(11, "/vendor/x", point(StandardPoint.LIGHT_LEVEL, 11), 0))).isFalse();
        assertThat(tree.add(offer(12, "/vendor/x", point(StandardPoint.LIGHT_LEVEL, 12), 5))).isFalse();
        assertThat(tree.add(offer(13, "/vendor/x", point(StandardPoint.LIGHT_LEVEL, 13), 0))).isFalse();

        tree.remove(10); // the highest ranking wins
        assertThat(published("/vendor/x")).isEqualTo(12.0);
        assertThat(tree.refusals()).extracting(RefusedPoint::serviceId).containsExactly(11L, 13L);
        tree.remove(12); // equal rankings: the lowest service id wins
        assertThat(published("/vendor/x")).isEqualTo(11.0);
        tree.remove(13); // a waiting candidate that goes is forgotten
        tree.remove(11);
        assertThat(tree.paths()).isEmpty();
        assertThat(tree.refusals()).isEmpty();
    }

    @Test
    void aStandInGivesItsPathToAnyOtherPointAtOnceAndTakesItBackWhenThatOneGoes() throws Exception {
        assertThat(tree.add(offer(1, "/light/level", point(StandardPoint.LIGHT_LEVEL, 100), PointTree.STAND_IN)))
                .isTrue();
        assertThat(published("/light/level")).isEqualTo(100.0);

        assertThat(tree.add(offer(2, "/light/level", point(StandardPoint.LIGHT_LEVEL, 30), -50))).as(
                "a plugin's point displaces the stand-in, whatever its ranking").isTrue();
        assertThat(published("/light/level")).isEqualTo(30.0);
        assertThat(tree.refusals()).as("a waiting stand-in is no refusal").isEmpty();

        tree.remove(2);
        assertThat(published("/light/level")).as("the stand-in is back").isEqualTo(100.0);
        tree.remove(1);
        assertThat(tree.paths()).isEmpty();
    }

    @Test
    void aStandInOfferedWhileThePathIsTakenWaitsForItWithoutARefusal() throws Exception {
        tree.add(offer(2, "/light/level", point(StandardPoint.LIGHT_LEVEL, 30), 0));
        assertThat(tree.add(offer(1, "/light/level", point(StandardPoint.LIGHT_LEVEL, 100), PointTree.STAND_IN)))
                .isFalse();
        assertThat(tree.refusals()).isEmpty();
        tree.remove(2);
        assertThat(published("/light/level")).isEqualTo(100.0);
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
                .supplyAsync(() -> tree.add(offer(1, "/light/level", slow, 0)));
        asked.await();
        tree.remove(1);
        answer.countDown();
        assertThat(added.get()).isFalse();
        assertThat(tree.paths()).isEmpty();
        assertThat(root.getChild("light")).isNull();
    }

    @Test
    void anOfferWithdrawnBeforeTheTreeSawItIsNeverPublished() {
        PointOffer gone = offer(1, "/light/level", point(StandardPoint.LIGHT_LEVEL), 0);
        gone.cancel(); // the service went while the endpoint was starting
        assertThat(tree.add(gone)).isFalse();
        assertThat(tree.paths()).isEmpty();
        assertThat(root.getChild("light")).isNull();
    }

    @Test
    void theSameOfferMadeTwiceWhileItsInfoIsAwaitedIsPublishedOnceAndNotRefusedAgainstItself() throws Exception {
        CountDownLatch asked = new CountDownLatch(1);
        CountDownLatch answer = new CountDownLatch(1);
        PointOffer offer = offer(1, "/light/level", new SlowInfo(asked, answer), 0);
        CompletableFuture<Boolean> first = CompletableFuture.supplyAsync(() -> tree.add(offer));
        asked.await();
        assertThat(tree.add(offer)).as("the second offer returns without asking the plugin").isTrue();
        answer.countDown();
        assertThat(first.get(5, TimeUnit.SECONDS)).isTrue();
        assertThat(tree.paths()).containsExactly("/light/level");
        assertThat(tree.refusals()).isEmpty();
    }

    @Test
    void aRefusedPointTakesOverWithoutItsPluginBeingAskedForItsInfoAgain() throws Exception {
        AtomicInteger asked = new AtomicInteger();
        Point counted = new Point() {
            @Override
            public PointInfo info() {
                asked.incrementAndGet();
                return StandardPoint.LIGHT_LEVEL.info();
            }

            @Override
            public Reading read() {
                return Reading.of(2, Instant.EPOCH);
            }
        };
        tree.add(offer(1, "/vendor/x", point(StandardPoint.LIGHT_LEVEL, 1), 0));
        assertThat(tree.add(offer(2, "/vendor/x", counted, 0))).isFalse();
        tree.remove(1);
        assertThat(published("/vendor/x")).isEqualTo(2.0);
        assertThat(asked).hasValue(1);
    }

    @Test
    void aRefusedPointWhoseServiceIsGoingIsPassedOverForTheNextBest() throws Exception {
        tree.add(offer(10, "/vendor/x", point(StandardPoint.LIGHT_LEVEL, 10), 0));
        PointOffer best = offer(11, "/vendor/x", point(StandardPoint.LIGHT_LEVEL, 11), 5);
        tree.add(best);
        tree.add(offer(12, "/vendor/x", point(StandardPoint.LIGHT_LEVEL, 12), 0));
        best.cancel(); // its service is being unregistered; the tree has not heard yet
        tree.remove(10);
        assertThat(published("/vendor/x")).isEqualTo(12.0);
        tree.remove(11);
        assertThat(published("/vendor/x")).isEqualTo(12.0);
    }

    @Test
    void aPointWithdrawnWhileItsPluginOpensTheSubscriptionHasItClosed() throws Exception {
        CountDownLatch subscribing = new CountDownLatch(1);
        CountDownLatch subscribe = new CountDownLatch(1);
        CountDownLatch closed = new CountDownLatch(1);
        Point slow = new Observable(StandardPoint.LIGHT_POWER) {
            @Override
            public Subscription observe(Consumer<Reading> listener) {
                subscribing.countDown();
                await(subscribe);
                return closed::countDown;
            }
        };
        CompletableFuture<Boolean> added = CompletableFuture.supplyAsync(() -> tree.add(offer(1, "/light/power",
                slow, 0)));
        subscribing.await();
        tree.remove(1);
        assertThat(tree.paths()).isEmpty();
        subscribe.countDown();
        added.get(5, TimeUnit.SECONDS);
        assertThat(closed.await(5, TimeUnit.SECONDS)).as("the late subscription is closed").isTrue();
    }

    @Test
    void aPluginSlowToCloseItsSubscriptionHoldsUpNoOtherPoint() throws Exception {
        CountDownLatch closing = new CountDownLatch(1);
        CountDownLatch close = new CountDownLatch(1);
        Point slow = new Observable(StandardPoint.LIGHT_POWER) {
            @Override
            public Subscription observe(Consumer<Reading> listener) {
                return () -> {
                    closing.countDown();
                    await(close);
                };
            }
        };
        tree.add(offer(1, "/light/power", slow, 0));
        CompletableFuture<Void> removing = CompletableFuture.runAsync(() -> tree.remove(1));
        try {
            assertThat(closing.await(5, TimeUnit.SECONDS)).isTrue();
            // while the plugin sits in close(), the tree answers and publishes
            CompletableFuture<Boolean> other = CompletableFuture.supplyAsync(() -> tree.add(offer(2, "/light/level",
                    point(StandardPoint.LIGHT_LEVEL), 0)));
            assertThat(other.get(200, TimeUnit.MILLISECONDS)).isTrue();
            assertThat(tree.paths()).containsExactly("/light/level");
        } finally {
            close.countDown();
        }
        removing.get(5, TimeUnit.SECONDS);
    }

    /** An observable point of a standard type whose read gives 1. */
    private static class Observable implements Point {
        private final StandardPoint standard;

        Observable(StandardPoint standard) {
            this.standard = standard;
        }

        @Override
        public PointInfo info() {
            return standard.info();
        }

        @Override
        public Reading read() {
            return Reading.of(1, Instant.EPOCH);
        }
    }

    /** A point whose info() waits until it is told to answer. */
    private static final class SlowInfo extends Observable {
        private final CountDownLatch asked;
        private final CountDownLatch answer;

        SlowInfo(CountDownLatch asked, CountDownLatch answer) {
            super(StandardPoint.LIGHT_LEVEL);
            this.asked = asked;
            this.answer = answer;
        }

        @Override
        public PointInfo info() {
            asked.countDown();
            await(answer);
            return super.info();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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
