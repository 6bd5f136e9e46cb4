package dev.helpdesk.bench.coldstart;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Order statistics of a series of milliseconds: median (mean of the middle two for even n), nearest-rank p90. */
record Stats(int n, double median, double p90, double min, double max) {

    static Stats of(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values.stream().filter(v -> !Double.isNaN(v)).toList());
        if (sorted.isEmpty()) {
            return new Stats(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        Collections.sort(sorted);
        int n = sorted.size();
        double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        int rank = (int) Math.ceil(0.9 * n);
        return new Stats(n, median, sorted.get(rank - 1), sorted.get(0), sorted.get(n - 1));
    }
}
