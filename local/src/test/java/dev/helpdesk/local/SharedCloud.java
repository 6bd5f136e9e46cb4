package dev.helpdesk.local;

import java.nio.file.Path;
import java.util.Map;

/**
 * One local cloud per test JVM: it configures the functions through JVM-wide system properties, as Lambda
 * configures each function through its environment, so two clouds cannot share a JVM.
 */
final class SharedCloud {
    private static LocalCloud cloud;

    private SharedCloud() {
    }

    static synchronized LocalCloud get() throws Exception {
        if (cloud == null) {
            // Port 0: any free port; schedules are fired by the tests, not by the wall clock.
            cloud = LocalCloud.start(new LocalCloud.Options(0, null, false, false, Path.of("../template.yaml"),
                    // Classification failures come quickly and are retried at the next tick.
                    Map.of("BEDROCK_TIMEOUT_MS", "1000", "CLASSIFY_BACKOFF_MS", "50", "CLASSIFY_RETRY_DELAYS_SECONDS", "0,0,0")));
            Runtime.getRuntime().addShutdownHook(new Thread(cloud::close));
        }
        return cloud;
    }
}
