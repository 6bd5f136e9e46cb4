package dev.helpdesk.local;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The template's Schedule/ScheduleV2 events: {@code rate(...)} and {@code cron(...)} expressions fire the target
 * function with a "Scheduled Event" envelope, as EventBridge Scheduler would. Each can also be fired by name.
 */
final class LocalSchedules {
    private static final Pattern RATE = Pattern.compile("rate\\((\\d+)\\s+(minute|minutes|hour|hours|day|days)\\)");
    private static final Pattern CRON = Pattern.compile("cron\\((.+)\\)");
    private static final CronParser QUARTZ = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.QUARTZ));

    /** {@code input}: the target's Input from the template (what EventBridge Scheduler sends), or null. */
    record Schedule(String name, String expression, LocalLambda target, String input) {
    }

    private final LocalEventBus bus;
    private final Map<String, Schedule> schedules = new LinkedHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "local-scheduler");
        t.setDaemon(true);
        return t;
    });

    LocalSchedules(LocalEventBus bus) {
        this.bus = bus;
    }

    /** Registers a schedule; an expression the local cloud cannot read fails here, at start-up. */
    void add(String name, String expression, LocalLambda target, String input) {
        nextAfter(expression, Instant.now());
        if (input != null) {
            try {
                Exchanges.JSON.readTree(input);
            } catch (java.io.IOException e) {
                throw new IllegalArgumentException(name + ": Input is not JSON: " + e.getMessage());
            }
        }
        schedules.put(name, new Schedule(name, expression, target, input));
    }

    Map<String, Schedule> schedules() {
        return Map.copyOf(schedules);
    }

    void start() {
        schedules.values().forEach(this::arm);
    }

    private void arm(Schedule schedule) {
        Instant now = Instant.now();
        long delay = Math.max(0, Duration.between(now, nextAfter(schedule.expression(), now)).toMillis());
        timer.schedule(() -> {
            fire(schedule.name());
            arm(schedule);
        }, delay, TimeUnit.MILLISECONDS);
    }

    /** Fires a schedule now; false if there is no schedule of that name. */
    boolean fire(String name) {
        Schedule schedule = schedules.get(name);
        if (schedule == null) {
            return false;
        }
        ObjectNode envelope;
        if (schedule.input() != null) {
            // What EventBridge Scheduler sends a Lambda target: the Input, exactly, and nothing else.
            try {
                envelope = (ObjectNode) Exchanges.JSON.readTree(schedule.input());
            } catch (java.io.IOException | ClassCastException e) {
                throw new IllegalStateException(name + ": Input is not a JSON object", e);
            }
            deliver(name, schedule, envelope);
            return true;
        }
        // No Input: a rule's schedule (Type: Schedule) sends EventBridge's "Scheduled Event" envelope.
        envelope = Exchanges.JSON.createObjectNode();
        envelope.put("version", "0");
        envelope.put("id", UUID.randomUUID().toString());
        envelope.put("detail-type", "Scheduled Event");
        envelope.put("source", "aws.scheduler");
        envelope.put("account", Intrinsics.ACCOUNT);
        envelope.put("time", Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
        envelope.put("region", Intrinsics.REGION);
        envelope.putArray("resources").add("arn:aws:scheduler:" + Intrinsics.REGION + ":" + Intrinsics.ACCOUNT + ":schedule/default/" + name);
        envelope.putObject("detail");
        deliver(name, schedule, envelope);
        return true;
    }

    private void deliver(String name, Schedule schedule, ObjectNode event) {
        try {
            bus.deliverTo("schedule:" + name, schedule.target(), event);
        } catch (java.io.IOException e) {
            System.err.println("[local-scheduler] " + name + " failed: " + e.getMessage());
        }
    }

    static Instant nextAfter(String expression, Instant now) {
        Matcher rate = RATE.matcher(expression.trim());
        if (rate.matches()) {
            long n = Long.parseLong(rate.group(1));
            String unit = rate.group(2).toLowerCase(Locale.ROOT);
            Duration every = unit.startsWith("minute") ? Duration.ofMinutes(n)
                    : unit.startsWith("hour") ? Duration.ofHours(n) : Duration.ofDays(n);
            return now.plus(every);
        }
        Matcher cron = CRON.matcher(expression.trim());
        if (cron.matches()) {
            // AWS cron has no seconds field; Quartz does, with the same day-of-week and year conventions.
            ExecutionTime execution = ExecutionTime.forCron(QUARTZ.parse("0 " + cron.group(1)));
            return execution.nextExecution(ZonedDateTime.ofInstant(now, ZoneOffset.UTC))
                    .map(ZonedDateTime::toInstant)
                    .orElseThrow(() -> new IllegalArgumentException(expression + " never fires"));
        }
        throw new IllegalArgumentException("unsupported schedule expression: " + expression);
    }

    void stop() {
        timer.shutdownNow();
    }
}
