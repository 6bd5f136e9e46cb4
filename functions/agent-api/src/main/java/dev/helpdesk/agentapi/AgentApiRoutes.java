package dev.helpdesk.agentapi;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.helpdesk.app.CustomerViews;
import dev.helpdesk.domain.Customer;
import dev.helpdesk.domain.Permission;
import dev.helpdesk.http.ApiException;
import dev.helpdesk.http.ApiRequest;
import dev.helpdesk.http.ApiResponses;
import dev.helpdesk.http.Routes;
import dev.helpdesk.store.CustomerStore;
import jakarta.inject.Singleton;
import java.util.LinkedHashSet;
import java.util.Set;

/** The agent API's writes. Every route checks the caller's permission first. */
@Singleton
public class AgentApiRoutes {
    /** Segment names are labels such as "VIP": short, printable. */
    private static final String SEGMENT = "[\\p{L}\\p{N} _.-]{1,40}";
    private static final int MAX_SEGMENTS = 50;

    private final Routes routes;
    private final CustomerStore customers;

    public AgentApiRoutes(CustomerStore customers) {
        this.customers = customers;
        this.routes = new Routes().on("PUT /api/customers/{customerId}/segments", this::segments);
    }

    public APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event) {
        return routes.handle(event);
    }

    /** R-INGEST-3: replaces the customer's segment memberships (routing rules match them). */
    private APIGatewayV2HTTPResponse segments(ApiRequest request) {
        request.caller().require(Permission.MANAGE_CUSTOMERS);
        String customerId = request.pathParameter("customerId");
        JsonNode list = request.jsonBody().path("segments");
        if (!list.isArray() || list.size() > MAX_SEGMENTS) {
            throw ApiException.badRequest("invalid_payload", "'segments' must be an array of at most " + MAX_SEGMENTS + " names");
        }
        Set<String> segments = new LinkedHashSet<>();
        for (JsonNode segment : list) {
            if (!segment.isTextual() || !segment.asText().strip().matches(SEGMENT)) {
                throw ApiException.badRequest("invalid_payload", "each segment must be a name of 1-40 letters, digits, spaces, '_', '.', '-'");
            }
            segments.add(segment.asText().strip());
        }
        if (customers.find(customerId).isEmpty()) {
            throw ApiException.notFound("no customer " + customerId);
        }
        Customer updated = customers.updateSegments(customerId, segments);
        return ApiResponses.json(200, CustomerViews.customer(updated, customers.ticketCount(customerId)));
    }
}
