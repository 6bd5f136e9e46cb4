package dev.helpdesk.http;

import dev.helpdesk.observability.WorkLog;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.helpdesk.app.TicketActions;
import dev.helpdesk.store.Cursors;
import dev.helpdesk.store.StoreExceptions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import software.amazon.awssdk.core.exception.SdkServiceException;
import org.slf4j.LoggerFactory;

/**
 * A function's HTTP routes by route key ({@code "GET /api/tickets/{ticketId}"}, as template.yaml declares
 * them), and the one place where exceptions become HTTP answers: client mistakes keep their 4xx; contention
 * past the retry budget and throttling are 503 with {@code Retry-After}; anything else is a logged 500.
 */
public final class Routes {
    private static final Logger LOG = LoggerFactory.getLogger(Routes.class);

    private final Map<String, Function<ApiRequest, APIGatewayV2HTTPResponse>> routes = new LinkedHashMap<>();
    private int maxBodyBytes = Integer.MAX_VALUE;

    public Routes on(String routeKey, Function<ApiRequest, APIGatewayV2HTTPResponse> action) {
        routes.put(routeKey, action);
        return this;
    }

    /**
     * Bodies over {@code bytes} are 413 before any route reads them (issue 17: a settings body large enough to make an
     * item over DynamoDB's 400 KB answered 500 after half a write). Webhooks keep their providers' own limits.
     */
    public Routes limitBodies(int bytes) {
        this.maxBodyBytes = bytes;
        return this;
    }

    /** 409 with the ticket as it is now, so the client can show it and decide again. */
    private static APIGatewayV2HTTPResponse conflict(String code, TicketActions.Refused e) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", code);
        body.put("message", e.getMessage());
        if (e.current() != null) {
            body.put("ticket", dev.helpdesk.app.TicketViews.ticket(e.current()));
        }
        return ApiResponses.json(409, body);
    }

    public APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event) {
        ApiRequest request = new ApiRequest(event);
        Function<ApiRequest, APIGatewayV2HTTPResponse> action = routes.get(request.routeKey());
        if (action == null) {
            return ApiResponses.error(404, "not_found", "no route " + request.routeKey());
        }
        if (maxBodyBytes < Integer.MAX_VALUE && request.rawBody().length > maxBodyBytes) {
            return ApiResponses.error(413, "payload_too_large", "the body is over " + maxBodyBytes / 1024 + " KB");
        }
        request.pathParameters().forEach((name, value) -> {
            switch (name) {
                case "ticketId" -> WorkLog.ticket(value);
                case "customerId" -> WorkLog.customer(value);
                default -> { }
            }
        });
        try {
            APIGatewayV2HTTPResponse response = action.apply(request);
            return request.routeKey().startsWith("GET ") ? ConditionalGet.apply(request, response) : response;
        } catch (ApiException e) {
            return ApiResponses.error(e);
        } catch (dev.helpdesk.domain.InvalidInput e) {
            // Checked before any write: the request leaves nothing behind.
            return e.tooLarge() ? ApiResponses.error(413, "payload_too_large", e.getMessage())
                    : ApiResponses.error(400, "invalid_payload", e.getMessage());
        } catch (Cursors.InvalidCursorException e) {
            return ApiResponses.error(400, "invalid_cursor", e.getMessage());
        } catch (TicketActions.NoSuchTicket e) {
            return ApiResponses.error(404, "not_found", e.getMessage());
        } catch (TicketActions.Stale e) {
            // If-Match named a version the ticket has moved on from.
            return conflict("ticket_changed", e);
        } catch (TicketActions.Refused e) {
            if (e.invalidInput()) {
                return ApiResponses.error(400, "invalid_request", e.getMessage());
            }
            return conflict("conflict", e);
        } catch (dev.helpdesk.config.Secrets.Unavailable e) {
            // Our configuration or SSM, not the caller: 503 and Retry-After, and the reason in our log only.
            LOG.error("secret unavailable on {}: {}", request.routeKey(), e.getMessage());
            return ApiResponses.busy("the service cannot check this request right now");
        } catch (StoreExceptions.Busy e) {
            LOG.warn("busy on {}: {}", request.routeKey(), e.getMessage());
            return ApiResponses.busy(e.getMessage());
        } catch (SdkServiceException e) {
            if (e.isThrottlingException() || e.statusCode() >= 500) {
                // The SDK already retried with backoff: a throttled or failing service (DynamoDB, S3) is a reason to
                // come back later, not a failed request. Nothing was acknowledged, so the client's retry loses nothing.
                LOG.warn("service busy or failing on {}: {}", request.routeKey(), e.getMessage());
                return ApiResponses.busy("the service is busy: " + e.getMessage());
            }
            LOG.error("unhandled service error on {}", request.routeKey(), e);
            return ApiResponses.error(500, "internal_error", "something went wrong; it has been logged");
        } catch (software.amazon.awssdk.core.exception.SdkClientException e) {
            // The service could not be reached or did not answer in time, after the SDK's retries.
            LOG.warn("service unreachable on {}: {}", request.routeKey(), e.getMessage());
            return ApiResponses.busy("a service could not be reached: " + e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("unhandled error on {}", request.routeKey(), e);
            return ApiResponses.error(500, "internal_error", "something went wrong; it has been logged");
        }
    }
}
