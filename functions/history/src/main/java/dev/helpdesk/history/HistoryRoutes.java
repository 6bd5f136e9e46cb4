package dev.helpdesk.history;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.helpdesk.app.CustomerViews;
import dev.helpdesk.app.TicketQueries;
import dev.helpdesk.app.TicketViews;
import dev.helpdesk.domain.Permission;
import dev.helpdesk.domain.Status;
import dev.helpdesk.http.Caller;
import dev.helpdesk.http.ApiException;
import dev.helpdesk.http.ApiRequest;
import dev.helpdesk.http.ApiResponses;
import dev.helpdesk.http.Routes;
import dev.helpdesk.store.CustomerStore;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

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
                .on("GET /api/tickets", this::view)
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
        Caller caller = request.caller().require(Permission.READ);
        String ticketId = request.pathParameter("ticketId");
        return queries.ticket(ticketId)
                .map(record -> {
                    Map<String, Object> body = TicketViews.detail(record);
                    // Whether the caller may act on it (reply, change status); analysts only read.
                    body.put("canAct", Permission.WORK_TICKETS.grantedTo(caller.role()));
                    return ApiResponses.json(200, body);
                })
                .orElseThrow(() -> ApiException.notFound("no ticket " + ticketId));
    }

    /** R-ASSIGN-7: My inbox, All tickets, Unassigned; active statuses unless asked; filters; newest or oldest. */
    private APIGatewayV2HTTPResponse view(ApiRequest request) {
        Caller caller = request.caller().require(Permission.READ);
        String view = request.query("view").orElse("all");
        if (!Set.of("mine", "all", "unassigned").contains(view)) {
            throw ApiException.badRequest("invalid_parameter", "'view' must be mine, all or unassigned");
        }
        String sort = request.query("sort").orElse("newest");
        if (!sort.equals("newest") && !sort.equals("oldest")) {
            throw ApiException.badRequest("invalid_parameter", "'sort' must be newest or oldest (sentiment sorting is not served yet)");
        }
        int limit = request.intQuery("limit", TicketQueries.DEFAULT_LIMIT);
        if (limit < 1 || limit > TicketQueries.MAX_LIMIT) {
            throw ApiException.badRequest("invalid_parameter", "'limit' must be 1.." + TicketQueries.MAX_LIMIT);
        }
        Set<Status> statuses = statuses(request);
        Set<String> sentiments = list(request, "sentiment");
        Set<String> channels = list(request, "channel");
        Set<String> teams = list(request, "team");
        Set<String> labels = list(request, "label");
        java.util.function.Predicate<dev.helpdesk.domain.Ticket> keep = t ->
                (sentiments.isEmpty() || (t.sentiment() != null && sentiments.contains(t.sentiment().label().wire())))
                        && (channels.isEmpty() || channels.contains(t.channel().wire()))
                        && (teams.isEmpty() || (t.teamId() != null && teams.contains(t.teamId())))
                        && (labels.isEmpty() || t.labels().stream().anyMatch(labels::contains));
        var page = queries.view(view, caller.agentId(), statuses, sort.equals("newest"), limit,
                request.query("cursor").orElse(null), keep);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("items", dev.helpdesk.app.TicketViews.tickets(page.items()));
        if (page.cursor() != null) {
            body.put("cursor", page.cursor());
        }
        return ApiResponses.json(200, body);
    }

    private static Set<String> list(ApiRequest request, String name) {
        Set<String> values = new TreeSet<>();
        request.query(name).ifPresent(v -> {
            for (String part : v.split(",")) {
                if (!part.isBlank()) {
                    values.add(part.strip());
                }
            }
        });
        return values;
    }

    private static Set<Status> statuses(ApiRequest request) {
        Set<Status> statuses = new TreeSet<>();
        for (String value : list(request, "status")) {
            try {
                statuses.add(Status.fromWire(value));
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("invalid_parameter", "'status' takes New, Answered, Open, Resolved, Postponed, Spam, Deleted");
            }
        }
        return statuses;
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
        Set<Status> statuses = statuses(request);
        TicketQueries.History page = queries.customerHistory(request.pathParameter("customerId"), sort.equals("newest"),
                statuses, limit, request.query("cursor").orElse(null));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("items", page.items());
        body.put("total", page.total());
        if (page.cursor() != null) {
            body.put("cursor", page.cursor());
        }
        return ApiResponses.json(200, body);
    }
}
