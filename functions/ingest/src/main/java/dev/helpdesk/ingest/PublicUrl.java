package dev.helpdesk.ingest;

import dev.helpdesk.config.Settings;
import dev.helpdesk.http.ApiRequest;
import jakarta.inject.Singleton;

/**
 * The URL a provider called, as it signed it (Twilio signs the full public URL): {@code PUBLIC_BASE_URL} plus the
 * path and query, or, when that is not configured, https and the host API Gateway received the request on.
 */
@Singleton
public class PublicUrl {
    private final String base;

    public PublicUrl(Settings settings) {
        this.base = settings.find("PUBLIC_BASE_URL").map(b -> b.replaceAll("/+$", "")).orElse(null);
    }

    public String of(ApiRequest request) {
        var event = request.event();
        String path = event.getRawPath() == null ? "" : event.getRawPath();
        String query = event.getRawQueryString() == null || event.getRawQueryString().isEmpty() ? "" : "?" + event.getRawQueryString();
        String origin = base != null ? base
                : "https://" + (event.getRequestContext() == null ? "" : event.getRequestContext().getDomainName());
        return origin + path + query;
    }
}
