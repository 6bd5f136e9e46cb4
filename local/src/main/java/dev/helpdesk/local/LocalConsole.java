package dev.helpdesk.local;

import com.sun.net.httpserver.HttpExchange;
import dev.helpdesk.store.AgentStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * The agent console (CONSOLE.md C-SERVE, C-LOGIN) on the API's origin: {@code GET /} is the page, {@code /assets/...}
 * its files, read from the {@code console/} folder the helpdesk-console jar puts on the class path. Sent with the
 * headers CloudFront adds in AWS (template.yaml's response headers policy), so the page meets the same CSP here.
 * {@code GET /local/agents} lists the registered agents for the offline sign-in screen.
 */
final class LocalConsole {
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
            + "frame-ancestors 'none'";
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "json", "application/json",
            "svg", "image/svg+xml",
            "png", "image/png",
            "ico", "image/x-icon");

    private final AgentStore agents;
    private final java.util.function.Supplier<Map<String, Object>> config;

    /** {@code config}: the page's {@code config.json}, how it signs in (in AWS the deploy step uploads it). */
    LocalConsole(AgentStore agents, java.util.function.Supplier<Map<String, Object>> config) {
        this.agents = agents;
        this.config = config;
    }

    /** Serves the page or one of its files; false when the request is not for the console. */
    boolean handle(HttpExchange exchange, String method, String path) throws IOException {
        if (!method.equals("GET") && !method.equals("HEAD")) {
            return false;
        }
        String resource;
        if (path.equals("/config.json")) {
            exchange.getResponseHeaders().set("Cache-Control", "no-cache");
            Exchanges.json(exchange, 200, config.get());
            return true;
        } else if (path.equals("/") || path.equals("/index.html")) {
            resource = "console/index.html";
        } else if (path.startsWith("/assets/") && !path.contains("..") && !path.contains("//")) {
            resource = "console" + path;
        } else {
            return false;
        }
        byte[] body;
        try (InputStream in = LocalConsole.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                if (resource.equals("console/index.html")) {
                    Exchanges.error(exchange, 404, "not_found", "the console is not built: run mvn package first");
                    return true;
                }
                return false;
            }
            body = in.readAllBytes();
        }
        var headers = exchange.getResponseHeaders();
        String extension = resource.substring(resource.lastIndexOf('.') + 1);
        headers.set("Content-Type", TYPES.getOrDefault(extension, "application/octet-stream"));
        headers.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("Referrer-Policy", "strict-origin-when-cross-origin");
        headers.set("X-Frame-Options", "DENY");
        // Files change with every build and are small; the browser revalidates rather than guessing.
        headers.set("Cache-Control", "no-cache");
        String encodings = exchange.getRequestHeaders().getFirst("Accept-Encoding");
        if (encodings != null && encodings.contains("gzip") && !extension.equals("png")) {
            body = gzip(body);
            headers.set("Content-Encoding", "gzip");
            headers.set("Vary", "Accept-Encoding");
        }
        if (method.equals("HEAD")) {
            exchange.sendResponseHeaders(200, -1);
            return true;
        }
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
        return true;
    }

    /** {@code GET /local/agents}: who may sign in offline, by name, with their role. */
    void listAgents(HttpExchange exchange) throws IOException {
        List<Map<String, Object>> items = agents.all().stream()
                .sorted(Comparator.comparing(dev.helpdesk.domain.Agent::name, String.CASE_INSENSITIVE_ORDER))
                .map(agent -> {
                    Map<String, Object> json = new LinkedHashMap<>();
                    json.put("agentId", agent.agentId());
                    json.put("name", agent.name());
                    json.put("role", agent.role().wire());
                    return json;
                }).toList();
        Exchanges.json(exchange, 200, Map.of("items", items));
    }

    private static byte[] gzip(byte[] body) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 3 + 64);
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(body);
        }
        return out.toByteArray();
    }
}
