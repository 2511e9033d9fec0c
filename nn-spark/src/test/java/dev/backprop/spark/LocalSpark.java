package dev.backprop.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/** The tests' Spark contexts: local, on the loopback address, without a web UI. */
final class LocalSpark {

    private LocalSpark() {}

    /**
     * @param master such as {@code local[2]}
     * @param name the application's name
     * @param settings more settings, as key, value, key, value…
     * @return a new context; stop it after the test class
     */
    static JavaSparkContext start(String master, String name, String... settings) {
        SparkConf conf = new SparkConf().setMaster(master).setAppName(name).set("spark.ui.enabled", "false")
                .set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1");
        for (int i = 0; i + 1 < settings.length; i += 2) {
            conf.set(settings[i], settings[i + 1]);
        }
        return new JavaSparkContext(conf);
    }
}
