package dev.helpdesk.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.helpdesk.app.TicketActions;
import dev.helpdesk.store.Cursors;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A function's HTTP routes by route key ({@code "GET /api/tickets/{ticketId}"}, as template.yaml declares
 * them), and the one place where exceptions become HTTP answers: client mistakes keep their 4xx, anything
 * else is a logged 500.
 */
public final class Routes {
    private static final Logger LOG = LoggerFactory.getLogger(Routes.class);

    private final Map<String, Function<ApiRequest, APIGatewayV2HTTPResponse>> routes = new LinkedHashMap<>();

    public Routes on(String routeKey, Function<ApiRequest, APIGatewayV2HTTPResponse> action) {
        routes.put(routeKey, action);
        return this;
    }

    public APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event) {
        ApiRequest request = new ApiRequest(event);
        Function<ApiRequest, APIGatewayV2HTTPResponse> action = routes.get(request.routeKey());
        if (action == null) {
            return ApiResponses.error(404, "not_found", "no route " + request.routeKey());
        }
        try {
            return action.apply(request);
        } catch (ApiException e) {
            return ApiResponses.error(e);
        } catch (Cursors.InvalidCursorException e) {
            return ApiResponses.error(400, "invalid_cursor", e.getMessage());
        } catch (TicketActions.NoSuchTicket e) {
            return ApiResponses.error(404, "not_found", e.getMessage());
        } catch (TicketActions.Refused e) {
            return e.invalidInput() ? ApiResponses.error(400, "invalid_request", e.getMessage())
                    : ApiResponses.error(409, "conflict", e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("unhandled error on {}", request.routeKey(), e);
            return ApiResponses.error(500, "internal_error", "something went wrong; it has been logged");
        }
    }
}
