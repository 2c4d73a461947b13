package org.lampyris.hal.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.lampyris.hal.Subscription;

class SimulatorThreadTest {

    @Test
    void twoListenedDevicesShareOneThreadWhichStopsWhenTheLastListenerLeaves() throws InterruptedException {
        SimulatorThread thread = new SimulatorThread();
        Ticker<String> luminaire = new Ticker<>("luminaire", thread, () -> 1000);
        Ticker<String> sensor = new Ticker<>("sensor", thread, () -> 1000);
        BlockingQueue<Thread> heardOn = new LinkedBlockingQueue<>();
        Subscription first = luminaire.subscribe(v -> heardOn.add(Thread.currentThread()));
        Subscription second = sensor.subscribe(v -> heardOn.add(Thread.currentThread()));
        luminaire.publish("level 30");
        sensor.publish("a pedestrian");
        Thread one = heardOn.poll(5, TimeUnit.SECONDS);
        Thread other = heardOn.poll(5, TimeUnit.SECONDS);
        assertThat(one).isNotNull().isSameAs(other);
        assertThat(one.getName()).isEqualTo(SimulatorThread.NAME);

        first.close();
        assertThat(sensor.running()).as("the sensor is still listened to").isTrue();
        assertThat(one.isAlive()).isTrue();
        second.close();
        one.join(5000);
        assertThat(one.isAlive()).as("the thread after the last listener left").isFalse();
    }
}
