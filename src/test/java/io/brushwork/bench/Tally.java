package io.brushwork.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Collects one measure per method over the rows of a section, for medians and each row's best method. */
final class Tally {
    private final Map<String, List<Double>> values = new LinkedHashMap<>();
    private final Map<String, Double> row = new LinkedHashMap<>();

    void add(String method, double value) {
        values.computeIfAbsent(method, m -> new ArrayList<>()).add(value);
        row.put(method, value);
    }

    /** The method with the highest value in the row just added, then starts a new row. */
    String bestOfRow() {
        String best = row.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey)
                .orElse("-");
        row.clear();
        return best;
    }

    double median(String method) {
        double[] v = values.getOrDefault(method, List.of()).stream().mapToDouble(Double::doubleValue).sorted()
                .toArray();
        if (v.length == 0) {
            return Double.NaN;
        }
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    /** How many rows each method won, e.g. "brushwork-quality 3, gmic-patch 2". */
    static String wins(List<String> bests) {
        Map<String, Integer> count = new LinkedHashMap<>();
        for (String b : bests) {
            count.merge(b, 1, Integer::sum);
        }
        StringBuilder s = new StringBuilder();
        count.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .forEach(e -> s.append(s.isEmpty() ? "" : ", ").append(String.format(Locale.ROOT, "%s %d",
                        e.getKey(), e.getValue())));
        return s.toString();
    }
}
