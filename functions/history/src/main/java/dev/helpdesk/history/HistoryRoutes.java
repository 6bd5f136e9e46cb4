package dev.helpdesk.history;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.helpdesk.app.CustomerViews;
import dev.helpdesk.app.TicketQueries;
import dev.helpdesk.app.TicketViews;
import dev.helpdesk.domain.Permission;
import dev.helpdesk.domain.Ticket;
import dev.helpdesk.http.ApiException;
import dev.helpdesk.http.ApiRequest;
import dev.helpdesk.http.ApiResponses;
import dev.helpdesk.http.Routes;
import dev.helpdesk.store.CustomerStore;
import dev.helpdesk.store.Page;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;

/** Ticket detail and customer history; every agent role may read (R-HIST). */
@Singleton
public class HistoryRoutes {
    private final Routes routes;
    private final TicketQueries queries;

    private final CustomerStore customers;

    public HistoryRoutes(TicketQueries queries, CustomerStore customers) {
        this.queries = queries;
        this.customers = customers;
        this.routes = new Routes()
                .on("GET /api/tickets/{ticketId}", this::ticket)
                .on("GET /api/customers/{customerId}", this::customer)
                .on("GET /api/customers/{customerId}/tickets", this::customerTickets);
    }

    private APIGatewayV2HTTPResponse customer(ApiRequest request) {
        request.caller().require(Permission.READ);
        String customerId = request.pathParameter("customerId");
        return customers.find(customerId)
                .map(c -> ApiResponses.json(200, CustomerViews.customer(c, customers.ticketCount(customerId))))
                .orElseThrow(() -> ApiException.notFound("no customer " + customerId));
    }

    public APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event) {
        return routes.handle(event);
    }

    private APIGatewayV2HTTPResponse ticket(ApiRequest request) {
        request.caller().require(Permission.READ);
        String ticketId = request.pathParameter("ticketId");
        return queries.ticket(ticketId)
                .map(record -> ApiResponses.json(200, TicketViews.detail(record)))
                .orElseThrow(() -> ApiException.notFound("no ticket " + ticketId));
    }

    private APIGatewayV2HTTPResponse customerTickets(ApiRequest request) {
        request.caller().require(Permission.READ);
        String sort = request.query("sort").orElse("newest");
        if (!sort.equals("newest") && !sort.equals("oldest")) {
            throw ApiException.badRequest("invalid_parameter", "'sort' must be newest or oldest");
        }
        int limit = request.intQuery("limit", TicketQueries.DEFAULT_LIMIT);
        if (limit < 1 || limit > TicketQueries.MAX_LIMIT) {
            throw ApiException.badRequest("invalid_parameter", "'limit' must be 1.." + TicketQueries.MAX_LIMIT);
        }
        Page<Ticket> page = queries.customerTickets(request.pathParameter("customerId"), sort.equals("newest"),
                limit, request.query("cursor").orElse(null));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("items", TicketViews.tickets(page.items()));
        if (page.cursor() != null) {
            body.put("cursor", page.cursor());
        }
        return ApiResponses.json(200, body);
    }
}
