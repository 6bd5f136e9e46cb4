package dev.helpdesk.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The offline cloud (R-LOCAL): one JVM, no account, no network. It reads template.yaml and serves what the
 * template declares: DynamoDB Local with its tables, an EventBridge endpoint with its rules, the HTTP API with
 * its routes and JWT authorizer, its schedules, and a Bedrock Converse stand-in. The functions run unchanged:
 * their handlers are found by the names the template gives and reach these endpoints through the real AWS SDK
 * clients, configured as Lambda configures them (environment, here as system properties).
 */
public final class LocalCloud implements AutoCloseable {
    public static final String READY = "Helpdesk local cloud ready on ";
    static final Set<String> ROLES = Set.of("owner", "admin", "manager", "support", "analyst");

    /** Provider secrets and settings and their development defaults (R-LOCAL-CLI); the environment wins. */
    static final Map<String, String> DEV_SECRETS = new LinkedHashMap<>();

    static {
        DEV_SECRETS.put("TWILIO_AUTH_TOKEN", "dev-twilio-auth-token");
        DEV_SECRETS.put("POSTMARK_INBOUND_USER", "postmark");
        DEV_SECRETS.put("POSTMARK_INBOUND_PASSWORD", "dev-postmark-password");
        DEV_SECRETS.put("META_APP_SECRET", "dev-meta-app-secret");
        DEV_SECRETS.put("META_VERIFY_TOKEN", "dev-meta-verify-token");
        DEV_SECRETS.put("CHAT_WEBHOOK_SECRET", "dev-chat-webhook-secret");
        // Outbound replies: the delivery function's credentials for the recording providers (LocalOutbound).
        DEV_SECRETS.put("TWILIO_ACCOUNT_SID", "AC00000000000000000000000000000000");
        DEV_SECRETS.put("META_PAGE_ACCESS_TOKEN", "dev-meta-page-access-token");
        DEV_SECRETS.put("WHATSAPP_ACCESS_TOKEN", "dev-whatsapp-access-token");
        DEV_SECRETS.put("POSTMARK_SERVER_TOKEN", "dev-postmark-server-token");
        DEV_SECRETS.put("EMAIL_FROM", "Helpdesk Support <support@helpdesk.local>");
    }

    /** @param environment overrides of the functions' template environment (tests shorten timers with it) */
    /**
     * How the cloud runs. {@code hostedSignIn}: the console signs in through the Cognito hosted-UI stand-in
     * ({@link LocalHostedUi}, the authorization code + PKCE flow it uses in AWS) instead of the offline agent list.
     */
    public record Options(int port, Path dataDir, boolean demo, boolean schedules, Path template,
                          Map<String, String> environment, boolean hostedSignIn, AwsEndpoints aws) {
        public Options {
            environment = environment == null ? Map.of() : Map.copyOf(environment);
            aws = aws == null ? AwsEndpoints.IN_PROCESS : aws;
        }

        public Options(int port, Path dataDir, boolean demo, boolean schedules, Path template, Map<String, String> environment,
                       boolean hostedSignIn) {
            this(port, dataDir, demo, schedules, template, environment, hostedSignIn, null);
        }

        public Options(int port, Path dataDir, boolean demo, boolean schedules, Path template, Map<String, String> environment) {
            this(port, dataDir, demo, schedules, template, environment, false);
        }
    }

    /**
     * External AWS-compatible endpoints (moto, LocalStack) for the stores, each null to keep the in-process one
     * (README "Against moto or LocalStack"). {@code dynamodb}: the template's tables are created there, the functions
     * use them and the table-stream pollers read their streams there. {@code s3}: the subscribed buckets are created
     * there, SES's stored mail is written there and the functions read it from there; the bucket's event notification
     * is still delivered by the local cloud, since an external emulator cannot reach the in-process functions. The
     * HTTP API, the bus, the schedules, the Bedrock stand-in and the recording providers stay in-process either way.
     */
    public record AwsEndpoints(URI dynamodb, URI s3) {
        public static final AwsEndpoints IN_PROCESS = new AwsEndpoints(null, null);
    }

    private final Options options;
    private final Template template;
    private final Path root;
    private final LocalJwt jwt = new LocalJwt(Clock.systemUTC());
    private final Map<String, String> secrets = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> functionEnvironments = new LinkedHashMap<>();
    private LocalDynamo dynamo;
    /** DynamoDB Local's endpoint, or the external one (Options.aws). */
    private URI dynamoEndpoint;
    /** The local S3's endpoint, or the external one (Options.aws). */
    private URI s3Endpoint;
    private LocalEventBus bus;
    private LocalHttpApi api;
    private LocalSchedules schedules;
    private LocalStreams streams;
    private HttpServer server;
    private HttpServer eventsServer;
    private HttpServer bedrockServer;
    private URI baseUrl;
    private LocalSesInbound ses;
    private LocalS3 s3;
    private BedrockStandIn bedrock;
    private HttpServer s3Server;
    private LocalOutbound outbound;
    private HttpServer sesServer;
    private HttpServer dynamoProxyServer;
    private LocalFaults faults;
    private DynamoDbClient consoleDynamo;
    private LocalConsole console;
    private LocalHostedUi hostedUi;
    private volatile boolean hostedSignIn;

    private LocalCloud(Options options, Template template, Path root) {
        this.options = options;
        this.template = template;
        this.root = root;
    }

    public static LocalCloud start(Options options) throws Exception {
        Path templatePath = options.template() != null ? options.template() : findTemplate();
        Template template;
        if (templatePath != null) {
            template = Template.load(templatePath, Map.of("Stage", "local"));
        } else {
            try (InputStream bundled = LocalCloud.class.getResourceAsStream("/template.yaml")) {
                if (bundled == null) {
                    throw new IllegalStateException("template.yaml not found (run from the repository, or pass --template)");
                }
                template = Template.load(bundled, Map.of("Stage", "local"));
            }
        }
        LocalCloud cloud = new LocalCloud(options, template, templatePath == null ? null : templatePath.toAbsolutePath().getParent());
        cloud.boot();
        return cloud;
    }

    private void boot() throws Exception {
        if (options.aws().dynamodb() == null) {
            dynamo = LocalDynamo.start(freePort(), options.dataDir());
            dynamoEndpoint = dynamo.endpoint();
        } else {
            dynamoEndpoint = options.aws().dynamodb();
        }
        // The functions reach an external DynamoDB through the fault proxy too: it passes everything through, so the
        // functions' path is the same in both modes and /local/faults/dynamodb works against an emulator as well.
        faults = new LocalFaults(dynamoEndpoint);
        dynamoProxyServer = serve(0, faults::forwardDynamo);
        bus = new LocalEventBus(template.resolve(new Template.Intrinsic("Ref", firstOfType("AWS::Events::EventBus"))));
        bedrock = new BedrockStandIn();
        eventsServer = serve(0, bus::handle);
        bedrockServer = serve(0, bedrock::handle);
        s3 = new LocalS3(bus, options.aws().s3());
        s3Server = serve(0, exchange -> {
            if (!faults.s3(exchange)) {
                s3.handle(exchange);
            }
        });
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", options.port()), 128);
        baseUrl = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        s3Endpoint = options.aws().s3() != null ? options.aws().s3() : URI.create("http://127.0.0.1:" + s3Server.getAddress().getPort());
        ses = new LocalSesInbound();
        outbound = new LocalOutbound(secrets);
        sesServer = serve(0, outbound::handleSes);
        configureFunctions();
        try (DynamoDbClient client = DynamoDbClient.builder().endpointOverride(dynamoEndpoint).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build()) {
            LocalDynamo.createTables(template, client);
        }
        consoleDynamo = DynamoDbClient.builder().endpointOverride(dynamoEndpoint).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
        var agentStore = new dev.helpdesk.store.AgentStore(consoleDynamo, setting(dev.helpdesk.config.Settings.TABLE));
        hostedSignIn = options.hostedSignIn();
        hostedUi = new LocalHostedUi(agentStore, jwt, Clock.systemUTC());
        console = new LocalConsole(agentStore,
                () -> hostedSignIn ? LocalHostedUi.consoleConfig(baseUrl) : Map.<String, Object>of("signIn", "local"));
        api = new LocalHttpApi(jwt);
        schedules = new LocalSchedules(bus);
        streams = new LocalStreams(dynamoEndpoint, bus, options.dataDir(),
                dynamo != null ? LocalStreams.POLL_MILLIS : LocalStreams.EXTERNAL_POLL_MILLIS);
        wire();
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            try (exchange) {
                route(exchange);
            }
        });
        // The stream's pollers always run: Lambda's event source mappings are not schedules.
        streams.start();
        server.start();
        if (options.schedules()) {
            schedules.start();
        }
    }

    /**
     * What Lambda would set as each function's environment: the template's variables (Globals and the function's own),
     * Lambda's own (region, credentials, function name), then the local cloud's endpoints, secrets and providers. Each
     * function gets its own map, bound while it runs ({@link LocalLambda}); nothing is set JVM-wide.
     */
    private void configureFunctions() {
        Map<String, String> local = new LinkedHashMap<>();
        local.put("AWS_REGION", Intrinsics.REGION);
        local.put("AWS_DEFAULT_REGION", Intrinsics.REGION);
        local.put("AWS_ACCESS_KEY_ID", "local");
        local.put("AWS_SECRET_ACCESS_KEY", "local");
        // The functions reach DynamoDB (Local or external) through the fault proxy (it passes everything through until told otherwise).
        local.put("AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:" + dynamoProxyServer.getAddress().getPort());
        local.put("AWS_ENDPOINT_URL_EVENTBRIDGE", "http://127.0.0.1:" + eventsServer.getAddress().getPort());
        local.put("AWS_ENDPOINT_URL_BEDROCK_RUNTIME", "http://127.0.0.1:" + bedrockServer.getAddress().getPort());
        // The local S3, or the external one (Options.aws): S3 is not behind a proxy, the local S3 is its own fault hook.
        local.put("AWS_ENDPOINT_URL_S3", s3Endpoint.toString());
        // The SNS stand-in's certificate is served here; the function trusts it by this setting alone.
        local.put("SNS_CERT_URL_PREFIX", baseUrl + "/local/sns/");
        local.put("PUBLIC_BASE_URL", System.getenv().getOrDefault("PUBLIC_BASE_URL", baseUrl.toString()));
        DEV_SECRETS.forEach((name, fallback) -> {
            String value = System.getenv().getOrDefault(name, fallback);
            secrets.put(name, value);
            local.put(name, value);
        });
        // Replies go to the recording providers unless the environment points a channel at the real one.
        Map<String, String> providers = Map.of(
                "TWILIO_API_BASE", baseUrl + LocalOutbound.PREFIX + "/twilio",
                "META_GRAPH_BASE", baseUrl + LocalOutbound.PREFIX + "/meta",
                "CHAT_REPLY_URL", baseUrl + LocalOutbound.PREFIX + "/chat",
                "POSTMARK_API_BASE", baseUrl + LocalOutbound.PREFIX + "/postmark",
                "AWS_ENDPOINT_URL_SESV2", "http://127.0.0.1:" + sesServer.getAddress().getPort());
        providers.forEach((name, fallback) -> local.put(name, System.getenv().getOrDefault(name, fallback)));
        for (Template.Function function : template.functions()) {
            Map<String, String> environment = new LinkedHashMap<>();
            function.environment().forEach((name, value) -> {
                // A secret by reference (…_PARAMETER) is read from SSM in AWS; locally the value itself is given.
                if (!name.endsWith("_PARAMETER")) {
                    environment.put(name, template.resolve(value));
                }
            });
            environment.put("AWS_LAMBDA_FUNCTION_NAME", function.logicalId());
            environment.putAll(local);
            environment.putAll(options.environment());
            functionEnvironments.put(function.logicalId(), Map.copyOf(environment));
        }
    }

    /**
     * A setting as the functions see it (the first function that has it): the table's name, the SES topic's ARN, the
     * public base URL. For the local cloud's own parts and for tests.
     */
    public String setting(String name) {
        return functionEnvironments.values().stream().map(environment -> environment.get(name))
                .filter(java.util.Objects::nonNull).findFirst().orElse(null);
    }

    /** The environment the function with this logical id runs with. */
    public Map<String, String> functionEnvironment(String logicalId) {
        return functionEnvironments.getOrDefault(logicalId, Map.of());
    }

    /** Connects the template's events to the functions: routes, rules, schedules, table streams. */
    private void wire() throws Exception {
        for (Template.Function function : template.functions()) {
            LocalLambda lambda = new LocalLambda(function.logicalId(), function.handler(),
                    functionEnvironments.get(function.logicalId()), streams::wakeAll);
            for (Template.Event event : function.events()) {
                Map<String, Object> p = event.properties();
                switch (event.type()) {
                    case "HttpApi" -> {
                        boolean open = "NONE".equals(Template.map(p.get("Auth")).get("Authorizer"));
                        api.addRoute(String.valueOf(p.get("Method")), String.valueOf(p.get("Path")), !open, lambda);
                    }
                    case "EventBridgeRule" -> bus.addRule(function.logicalId() + "." + event.name(),
                            Exchanges.JSON.writeValueAsString(p.get("Pattern")), lambda);
                    case "S3" -> s3.subscribe(template.resolve(p.get("Bucket")), lambda);
                    case "Schedule", "ScheduleV2" -> schedules.add(function.logicalId() + "." + event.name(),
                            template.resolve(p.getOrDefault("ScheduleExpression", p.get("Schedule"))), lambda,
                            p.get("Input") == null ? null : template.resolve(p.get("Input")));
                    case "DynamoDB" -> streams.add(function.logicalId() + "." + event.name(), streamTable(p.get("Stream")), p, lambda);
                    default -> throw new IllegalStateException(function.logicalId() + "." + event.name()
                            + ": event type " + event.type() + " is not served by the local cloud");
                }
            }
        }
    }

    private void route(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        try {
            if (path.startsWith("/local/")) {
                local(exchange, method, path);
            } else if (!api.handle(exchange) && !console.handle(exchange, method, path)) {
                Exchanges.error(exchange, 404, "not_found", "no route " + method + " " + path);
            }
        } catch (Exchanges.BadRequest e) {
            Exchanges.error(exchange, 400, "invalid_request", e.getMessage());
        } catch (RuntimeException e) {
            e.printStackTrace();
            Exchanges.error(exchange, 500, "internal_error", e.toString());
        }
    }

    private void local(HttpExchange exchange, String method, String path) throws IOException {
        if (method.equals("POST") && path.equals("/local/token")) {
            issueToken(exchange);
        } else if (method.equals("GET") && path.equals("/local/agents")) {
            console.listAgents(exchange);
        } else if (path.startsWith(LocalHostedUi.PREFIX + "/") && hostedUi.handle(exchange, method, path)) {
            return;
        } else if (method.equals("PUT") && path.equals("/local/console/sign-in")) {
            byte[] body = Exchanges.readBody(exchange, 1024);
            String mode = body == null ? "" : Exchanges.JSON.readTree(body).path("mode").asText("");
            if (!mode.equals("hosted") && !mode.equals("local")) {
                Exchanges.error(exchange, 400, "invalid_payload", "'mode' must be hosted (Cognito hosted-UI stand-in) or local");
                return;
            }
            hostedSignIn = mode.equals("hosted");
            Exchanges.json(exchange, 200, Map.of("mode", mode));
        } else if (method.equals("GET") && path.equals("/local/endpoints")) {
            Exchanges.json(exchange, 200, endpoints());
        } else if (method.equals("GET") && path.equals("/local/events")) {
            Exchanges.json(exchange, 200, Map.of("items", bus.log()));
        } else if (method.equals("GET") && path.equals("/local/sns/cert.pem")) {
            ses.serveCertificate(exchange);
        } else if (method.equals("POST") && path.equals("/local/ses/inbound")) {
            ses.deliver(exchange, baseUrl, setting("SES_INBOUND_TOPIC_ARN"), s3, inboundMailBucket(),
                    exchange.getRequestURI().getQuery());
        } else if (method.equals("PUT") && path.equals("/local/faults/bedrock")) {
            byte[] body = Exchanges.readBody(exchange, 1024);
            com.fasterxml.jackson.databind.JsonNode fault = body == null ? null : Exchanges.JSON.readTree(body);
            String mode = fault == null || fault.path("mode").isNull() ? null : fault.path("mode").asText(null);
            if (mode != null && !java.util.Set.of("throttle", "error", "unavailable", "garbage", "out-of-range",
                    "extra-fields", "slow").contains(mode)) {
                Exchanges.error(exchange, 400, "invalid_payload", "unknown fault mode " + mode);
                return;
            }
            bedrock.setFault(mode, fault == null ? 0 : fault.path("count").asInt(-1), fault == null ? 3000 : fault.path("delayMs").asLong(3000));
            Exchanges.json(exchange, 200, Map.of("bedrock", Map.of("mode", String.valueOf(mode))));
        } else if (method.equals("PUT") && path.equals("/local/faults/eventbridge")) {
            byte[] body = Exchanges.readBody(exchange, 1024);
            com.fasterxml.jackson.databind.JsonNode fault = body == null || body.length == 0 ? Exchanges.JSON.createObjectNode()
                    : Exchanges.JSON.readTree(body);
            boolean failing = fault.path("failing").asBoolean(false);
            int failEntries = fault.path("failEntries").asInt(0);
            bus.setFailing(failing);
            bus.failEntries(failEntries);
            Exchanges.json(exchange, 200, Map.of("eventbridge", Map.of("failing", failing, "failEntries", failEntries)));
        } else if (method.equals("PUT") && path.equals("/local/faults/s3") && options.aws().s3() != null) {
            Exchanges.error(exchange, 409, "conflict", "S3 is external (" + options.aws().s3() + "): its faults are injected by the local S3 only");
        } else if (method.equals("PUT") && (path.equals("/local/faults/dynamodb") || path.equals("/local/faults/s3"))) {
            faults.configure(exchange, path.substring("/local/faults/".length()));
        } else if (method.equals("GET") && path.equals("/local/faults")) {
            Exchanges.json(exchange, 200, Map.of("injected", faults.injected()));
        } else if (method.equals("POST") && path.startsWith(LocalOutbound.PREFIX + "/")) {
            outbound.handle(exchange, path);
        } else if (method.equals("GET") && path.equals(LocalOutbound.PREFIX)) {
            Exchanges.json(exchange, 200, Map.of("items", outbound.sent()));
        } else if (method.equals("PUT") && path.equals("/local/faults/outbound")) {
            byte[] body = Exchanges.readBody(exchange, 1024);
            com.fasterxml.jackson.databind.JsonNode fault = body == null ? null : Exchanges.JSON.readTree(body);
            Integer status = fault == null || !fault.path("status").isInt() ? null : fault.path("status").asInt();
            if (status != null && (status < 400 || status > 599)) {
                Exchanges.error(exchange, 400, "invalid_payload", "'status' must be an HTTP error status (400..599) or null");
                return;
            }
            outbound.setFault(status, fault == null ? 0 : fault.path("count").asInt(-1));
            Exchanges.json(exchange, 200, Map.of("outbound", Map.of("status", String.valueOf(status))));
        } else if (method.equals("GET") && path.equals("/local/dead-letters")) {
            Exchanges.json(exchange, 200, Map.of("items", bus.deadLetters()));
        } else if (method.equals("POST") && path.startsWith("/local/schedules/")) {
            String name = path.substring("/local/schedules/".length());
            if (schedules.fire(name)) {
                Exchanges.json(exchange, 202, Map.of("fired", name));
            } else {
                Exchanges.error(exchange, 404, "not_found", "no schedule " + name + "; known: " + schedules.schedules().keySet());
            }
        } else {
            Exchanges.error(exchange, 404, "not_found", "no route " + method + " " + path);
        }
    }

    private void issueToken(HttpExchange exchange) throws IOException {
        byte[] body = Exchanges.readBody(exchange, 64 * 1024);
        com.fasterxml.jackson.databind.JsonNode json;
        try {
            json = body == null ? null : Exchanges.JSON.readTree(body);
        } catch (IOException e) {
            json = null;
        }
        if (json == null || !json.isObject()) {
            Exchanges.error(exchange, 400, "malformed_json", "body must be {\"sub\": agentId, \"role\": role}");
            return;
        }
        String sub = json.path("sub").asText("");
        String role = json.path("role").asText("");
        if (sub.isBlank() || !ROLES.contains(role)) {
            Exchanges.error(exchange, 400, "invalid_payload", "'sub' is required and 'role' must be one of " + ROLES);
            return;
        }
        Exchanges.json(exchange, 200, Map.of("token", jwt.issue(sub, role)));
    }

    public Map<String, String> endpoints() {
        Map<String, String> endpoints = new LinkedHashMap<>();
        endpoints.put("dynamodb", dynamoEndpoint.toString());
        endpoints.put("eventbridge", setting("AWS_ENDPOINT_URL_EVENTBRIDGE"));
        endpoints.put("bedrock-runtime", setting("AWS_ENDPOINT_URL_BEDROCK_RUNTIME"));
        endpoints.put("s3", setting("AWS_ENDPOINT_URL_S3"));
        endpoints.put("sesv2", setting("AWS_ENDPOINT_URL_SESV2"));
        return endpoints;
    }

    /** The SES stand-in, for tests that sign or redeliver an SNS envelope themselves. */
    LocalSesInbound sesInbound() {
        return ses;
    }

    public URI baseUrl() {
        return baseUrl;
    }

    public Map<String, String> secrets() {
        return Map.copyOf(secrets);
    }

    public String busName() {
        return bus.busName();
    }

    /**
     * Calls the listener with every event put on the bus (its EventBridge envelope), on the putting thread, as the
     * bus accepts it; closing the returned handle stops the calls. Benchmarks time the pipeline with it.
     */
    public AutoCloseable onEvent(java.util.function.Consumer<Map<String, Object>> listener) {
        return bus.listen(listener);
    }

    /**
     * Waits until nothing is left to happen: every event on the bus delivered (or dead-lettered) and every table stream
     * drained (each record written so far read and its batch settled). The two feed each other (a delivered event's
     * function writes, a stream record's function publishes), so this repeats until a round in which the bus stayed
     * idle, the streams drained and neither took on anything new.
     */
    public boolean awaitIdle(long timeoutMillis) {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (true) {
            long events = bus.accepted();
            long invocations = streams.invocations();
            if (!bus.awaitIdle(Math.max(0, deadline - System.currentTimeMillis()))) {
                return false;
            }
            // Whatever the bus's deliveries wrote, they wrote before this mark: a drained stream has read it.
            long mark = System.nanoTime();
            if (!streams.awaitDrained(mark, deadline)) {
                return false;
            }
            if (bus.idle() && bus.accepted() == events && streams.invocations() == invocations) {
                return true;
            }
        }
    }

    List<LocalEventBus.Logged> events() {
        return bus.log();
    }

    Path root() {
        return root;
    }

    /** The table whose stream a DynamoDB event reads: {@code !GetAtt Table.StreamArn} names it. */
    private String streamTable(Object stream) {
        if (stream instanceof Template.Intrinsic intrinsic && intrinsic.function().equals("GetAtt")) {
            Object argument = intrinsic.argument();
            String logicalId = argument instanceof List<?> list ? String.valueOf(list.get(0))
                    : String.valueOf(argument).substring(0, String.valueOf(argument).indexOf('.'));
            if ("AWS::DynamoDB::Table".equals(template.resourceType(logicalId))) {
                return template.resolve(new Template.Intrinsic("Ref", logicalId));
            }
        }
        throw new IllegalStateException("a DynamoDB event's Stream must be !GetAtt <table>.StreamArn, not " + stream);
    }

    /** The bucket the template's S3 event reads mail from, if any. */
    private String inboundMailBucket() {
        return template.events("S3").stream().findFirst().map(e -> template.resolve(e.properties().get("Bucket"))).orElse(null);
    }

    private String firstOfType(String type) {
        List<String> ids = template.resourcesOfType(type);
        if (ids.isEmpty()) {
            throw new IllegalStateException("template.yaml declares no " + type);
        }
        return ids.get(0);
    }

    private static HttpServer serve(int port, Handler handler) throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 128);
        s.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        s.createContext("/", exchange -> {
            try (exchange) {
                handler.handle(exchange);
            } catch (RuntimeException e) {
                e.printStackTrace();
                Exchanges.error(exchange, 500, "internal_error", e.toString());
            }
        });
        s.start();
        return s;
    }

    private interface Handler {
        void handle(HttpExchange exchange) throws IOException;
    }

    /** template.yaml in the working directory or one of its parents. */
    static Path findTemplate() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("template.yaml");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        if (schedules != null) {
            schedules.stop();
        }
        if (streams != null) {
            streams.stop();
        }
        if (server != null) {
            server.stop(0);
        }
        if (bus != null) {
            bus.stop();
        }
        if (eventsServer != null) {
            eventsServer.stop(0);
        }
        if (bedrockServer != null) {
            bedrockServer.stop(0);
        }
        if (s3Server != null) {
            s3Server.stop(0);
        }
        if (s3 != null) {
            s3.close();
        }
        if (sesServer != null) {
            sesServer.stop(0);
        }
        if (dynamoProxyServer != null) {
            dynamoProxyServer.stop(0);
        }
        if (consoleDynamo != null) {
            consoleDynamo.close();
        }
        if (dynamo != null) {
            dynamo.stop();
        }
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            var parsed = Cli.parse(args, new java.io.PrintWriter(System.out, true));
            if (parsed.isEmpty()) {
                return; // --help or --version, printed
            }
            options = parsed.get();
        } catch (picocli.CommandLine.ParameterException e) {
            System.err.println(e.getMessage());
            e.getCommandLine().usage(System.err);
            System.exit(2);
            return;
        }
        LocalCloud cloud = start(options);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Stopping the local cloud...");
            cloud.close();
            stopped.countDown();
        }, "local-cloud-shutdown"));
        System.out.println("Provider secrets and settings (development defaults unless set in the environment):");
        cloud.secrets().forEach((k, v) -> System.out.println("  " + k + "=" + v));
        System.out.println("AWS endpoints: " + cloud.endpoints());
        System.out.println("Routes: " + cloud.api.routes().stream().map(LocalHttpApi.Route::routeKey).toList());
        if (options.demo()) {
            new Demo(cloud).run();
        }
        System.out.println(READY + cloud.baseUrl());
        System.out.println("Agent console: " + cloud.baseUrl() + "/" + (options.demo() ? " (sign in as a demo agent)" : ""));
        stopped.await();
    }
}
