package dev.helpdesk.local;

import com.sun.net.httpserver.HttpExchange;
import dev.helpdesk.domain.Agent;
import dev.helpdesk.store.AgentStore;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A stand-in for the Cognito hosted UI (C-LOGIN in AWS), so the console's authorization-code + PKCE sign-in runs
 * offline and in the browser tests exactly as the page runs it against Cognito: {@code /oauth2/authorize} shows the
 * registered agents (no passwords, as offline), {@code /oauth2/token} exchanges a single-use code for an ID token
 * with {@code custom:role} after checking the PKCE verifier against the S256 challenge, {@code /logout} returns to the
 * given page. Only what the console uses is here: the public client, S256, the code grant.
 */
final class LocalHostedUi {
    static final String PREFIX = "/local/cognito";
    static final String CLIENT_ID = LocalJwt.AUDIENCE;
    private static final Duration CODE_LIFETIME = Duration.ofMinutes(5);
    private static final SecureRandom RANDOM = new SecureRandom();

    private record Pending(String redirectUri, String challenge, String sub, String role, Instant expires) {
    }

    private final AgentStore agents;
    private final LocalJwt jwt;
    private final Clock clock;
    private final Map<String, Pending> codes = new ConcurrentHashMap<>();

    LocalHostedUi(AgentStore agents, LocalJwt jwt, Clock clock) {
        this.agents = agents;
        this.jwt = jwt;
        this.clock = clock;
    }

    /** The console's {@code config.json} when it should sign in through this stand-in. */
    static Map<String, Object> consoleConfig(URI baseUrl) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("signIn", "cognito");
        config.put("domain", baseUrl + PREFIX);
        config.put("clientId", CLIENT_ID);
        config.put("redirectUri", baseUrl + "/");
        return config;
    }

    /** Serves one of the stand-in's routes; false when the path is not one of them. */
    boolean handle(HttpExchange exchange, String method, String path) throws IOException {
        switch (method + " " + path.substring(PREFIX.length())) {
            case "GET /oauth2/authorize" -> authorize(exchange);
            case "POST /login" -> login(exchange);
            case "POST /oauth2/token" -> token(exchange);
            case "GET /logout" -> logout(exchange);
            default -> {
                return false;
            }
        }
        return true;
    }

    private void authorize(HttpExchange exchange) throws IOException {
        Map<String, String> query = Exchanges.form(exchange.getRequestURI().getRawQuery());
        String problem = !"code".equals(query.get("response_type")) ? "response_type must be code"
                : !CLIENT_ID.equals(query.get("client_id")) ? "unknown client_id"
                : !"S256".equals(query.get("code_challenge_method")) || blank(query.get("code_challenge"))
                        ? "this client must send a PKCE code_challenge with method S256"
                : !allowedRedirect(exchange, query.get("redirect_uri")) ? "redirect_uri is not a callback URL of this client"
                : null;
        if (problem != null) {
            page(exchange, 400, "<h1>Sign-in request refused</h1><p>" + escape(problem) + "</p>");
            return;
        }
        StringBuilder body = new StringBuilder("<h1>Sign in</h1><p>Helpdesk's hosted sign-in (local stand-in for Cognito)."
                + " Choose an agent:</p><ul>");
        for (Agent agent : agents.all().stream().sorted(Comparator.comparing(Agent::name, String.CASE_INSENSITIVE_ORDER)).toList()) {
            body.append("<li><form method=\"post\" action=\"").append(PREFIX).append("/login\">");
            for (String field : new String[] {"redirect_uri", "state", "code_challenge"}) {
                body.append("<input type=\"hidden\" name=\"").append(field).append("\" value=\"")
                        .append(escape(query.getOrDefault(field, ""))).append("\">");
            }
            body.append("<input type=\"hidden\" name=\"sub\" value=\"").append(escape(agent.agentId())).append("\">")
                    .append("<input type=\"hidden\" name=\"role\" value=\"").append(escape(agent.role().wire())).append("\">")
                    .append("<button type=\"submit\">Continue as ").append(escape(agent.name())).append("</button></form></li>");
        }
        page(exchange, 200, body.append("</ul>").toString());
    }

    private void login(HttpExchange exchange) throws IOException {
        Map<String, String> form = Exchanges.form(body(exchange));
        if (!allowedRedirect(exchange, form.get("redirect_uri")) || blank(form.get("sub")) || blank(form.get("code_challenge"))) {
            page(exchange, 400, "<h1>Sign-in request refused</h1>");
            return;
        }
        String code = random();
        codes.put(code, new Pending(form.get("redirect_uri"), form.get("code_challenge"), form.get("sub"), form.get("role"),
                clock.instant().plus(CODE_LIFETIME)));
        String location = form.get("redirect_uri") + "?code=" + code
                + (blank(form.get("state")) ? "" : "&state=" + URLEncoder.encode(form.get("state"), StandardCharsets.UTF_8));
        redirect(exchange, location);
    }

    /** The code grant as Cognito answers it: the tokens, or 400 {@code invalid_grant} for any mismatch. */
    private void token(HttpExchange exchange) throws IOException {
        Map<String, String> form = Exchanges.form(body(exchange));
        if (!"authorization_code".equals(form.get("grant_type")) || !CLIENT_ID.equals(form.get("client_id"))) {
            Exchanges.json(exchange, 400, Map.of("error", "unsupported_grant_type"));
            return;
        }
        Pending pending = form.get("code") == null ? null : codes.remove(form.get("code"));
        if (pending == null || pending.expires().isBefore(clock.instant()) || !pending.redirectUri().equals(form.get("redirect_uri"))
                || !pending.challenge().equals(s256(form.getOrDefault("code_verifier", "")))) {
            Exchanges.json(exchange, 400, Map.of("error", "invalid_grant"));
            return;
        }
        String idToken = jwt.issueIdToken(pending.sub(), pending.role());
        Exchanges.json(exchange, 200, Map.of("id_token", idToken, "access_token", idToken, "token_type", "Bearer",
                "expires_in", LocalJwt.LIFETIME.toSeconds()));
    }

    private void logout(HttpExchange exchange) throws IOException {
        Map<String, String> query = Exchanges.form(exchange.getRequestURI().getRawQuery());
        if (!CLIENT_ID.equals(query.get("client_id")) || !allowedRedirect(exchange, query.get("logout_uri"))) {
            page(exchange, 400, "<h1>Sign-out request refused</h1>");
            return;
        }
        redirect(exchange, query.get("logout_uri"));
    }

    /** Like the app client's callback and sign-out URLs: only the console on this cloud's own origin. */
    private static boolean allowedRedirect(HttpExchange exchange, String uri) {
        String host = exchange.getRequestHeaders().getFirst("Host");
        return uri != null && host != null && uri.equals("http://" + host + "/");
    }

    static String s256(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String random() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The form body, or "" when it is over 16 KB (every check then refuses it). */
    private static String body(HttpExchange exchange) throws IOException {
        byte[] body = Exchanges.readBody(exchange, 16 * 1024);
        return body == null ? "" : Exchanges.text(body);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static void redirect(HttpExchange exchange, String location) throws IOException {
        exchange.getResponseHeaders().set("Location", location);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(302, -1);
        exchange.close();
    }

    private static void page(HttpExchange exchange, int status, String body) throws IOException {
        exchange.getResponseHeaders().set("Content-Security-Policy", "default-src 'none'; form-action 'self'; frame-ancestors 'none'");
        String html = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Sign in</title></head><body><main>"
                + body + "</main></body></html>";
        Exchanges.send(exchange, status, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8));
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }
}
