package dev.helpdesk.bench.cost;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The dated list-price table ({@code prices-us-east-1.properties}, sources named there). {@code lambdaPerGbSecond} is
 * x86_64's duration price, {@code lambdaArm64PerGbSecond} arm64's (Graviton); requests cost the same on both.
 */
public record Prices(String date, String region, double writeUnitsPerMillion, double readUnitsPerMillion,
                     double lambdaRequestsPerMillion, double lambdaPerGbSecond, double lambdaArm64PerGbSecond,
                     String lambdaSource, double eventsPerMillion,
                     double httpRequestsPerMillion, double sesPerThousand, List<Model> models) {

    /** A Bedrock model's on-demand price per 1,000 tokens. */
    public record Model(String id, String name, double inputPer1k, double outputPer1k) {
        public double cost(long inputTokens, long outputTokens) {
            return inputTokens / 1000.0 * inputPer1k + outputTokens / 1000.0 * outputPer1k;
        }
    }

    public static Prices load() {
        Properties p = new Properties();
        try (InputStream in = Prices.class.getResourceAsStream("/prices-us-east-1.properties")) {
            if (in == null) {
                throw new IllegalStateException("prices-us-east-1.properties is missing from the classpath");
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Model> models = new ArrayList<>();
        for (String alias : p.getProperty("bedrock.models").split(",")) {
            String key = "bedrock." + alias.strip();
            models.add(new Model(p.getProperty(key + ".id"), p.getProperty(key + ".name"), number(p, key + ".input.per_1k"),
                    number(p, key + ".output.per_1k")));
        }
        return new Prices(p.getProperty("prices.date"), p.getProperty("prices.region"),
                number(p, "dynamodb.write_request_units.per_million"), number(p, "dynamodb.read_request_units.per_million"),
                number(p, "lambda.requests.per_million"), number(p, "lambda.x86_64.per_gb_second"),
                number(p, "lambda.arm64.per_gb_second"), text(p, "lambda.source"),
                number(p, "eventbridge.events.per_million"), number(p, "httpapi.requests.per_million"),
                number(p, "ses.outbound.per_thousand"), List.copyOf(models));
    }

    private static double number(Properties p, String key) {
        return Double.parseDouble(text(p, key));
    }

    private static String text(Properties p, String key) {
        String value = p.getProperty(key);
        if (value == null) {
            throw new IllegalStateException("price " + key + " is missing");
        }
        return value.strip();
    }
}
