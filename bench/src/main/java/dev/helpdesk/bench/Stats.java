package dev.helpdesk.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Order statistics of a series of milliseconds, for every benchmark: median (mean of the middle two for even n),
 * nearest-rank p90 and p99, min and max. NaN values (a run that measured nothing) are left out.
 */
public record Stats(int n, double median, double p90, double p99, double min, double max) {

    public static Stats of(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values.stream().filter(v -> !Double.isNaN(v)).toList());
        if (sorted.isEmpty()) {
            return new Stats(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        Collections.sort(sorted);
        int n = sorted.size();
        double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        return new Stats(n, median, nearestRank(sorted, 0.90), nearestRank(sorted, 0.99), sorted.get(0), sorted.get(n - 1));
    }

    private static double nearestRank(List<Double> sorted, double quantile) {
        return sorted.get((int) Math.ceil(quantile * sorted.size()) - 1);
    }
}
