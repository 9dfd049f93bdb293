package com.bestever.article;

import static org.assertj.core.api.Assertions.assertThat;

import com.bestever.support.SiteTest;
import com.bestever.system.OneAtATime;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** Instances that start together on one database load the sample content one after the other. */
@SiteTest
class SampleContentTests {

    @Autowired
    SampleContent sampleContent;

    @Autowired
    OneAtATime oneAtATime;

    @Autowired
    TransactionTemplate transaction;

    @Autowired
    JdbcClient jdbc;

    @Test
    void anInstanceWaitsWhileAnotherLoadsTheSampleContentThenFindsItLoaded() throws Exception {
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> otherInstance =
                CompletableFuture.runAsync(() -> transaction.executeWithoutResult(status -> {
                    oneAtATime.hold(SampleContent.SAMPLE_CONTENT);
                    held.countDown();
                    await(release);
                }));
        assertThat(held.await(10, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<Void> starting = CompletableFuture.runAsync(() -> {
            try {
                sampleContent.run(new DefaultApplicationArguments());
            } catch (Exception ex) {
                throw new IllegalStateException(ex);
            }
        });
        Thread.sleep(Duration.ofMillis(500).toMillis());
        assertThat(starting).as("waits for the other instance's start-up").isNotDone();

        release.countDown();
        starting.get(10, TimeUnit.SECONDS);
        otherInstance.get(10, TimeUnit.SECONDS);
        assertThat(jdbc.sql("select count(*) from article where slug = 'the-400-blows'")
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }
}
