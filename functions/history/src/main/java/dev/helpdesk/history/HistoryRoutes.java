package dev.helpdesk.history;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.helpdesk.app.CustomerViews;
import dev.helpdesk.app.TicketLookup;
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
import dev.helpdesk.store.WorkspaceStore;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Ticket detail and customer history; every agent role may read (R-HIST). */
@Singleton
public class HistoryRoutes {
    private final Routes routes;
    private final TicketQueries queries;

    private final CustomerStore customers;
    private final WorkspaceStore workspace;
    private final TicketLookup lookup;

    public HistoryRoutes(TicketQueries queries, CustomerStore customers, WorkspaceStore workspace, TicketLookup lookup) {
        this.queries = queries;
        this.customers = customers;
        this.workspace = workspace;
        this.lookup = lookup;
        this.routes = new Routes()
                .on("GET /api/tickets", this::view)
                .on("GET /api/views", this::savedViews)
                .on("GET /api/counts", this::counts)
                .on("GET /api/views/{viewId}", this::savedView)
                .on("GET /api/tickets/{ticketId}", this::ticket)
                .on("GET /api/customers/{customerId}", this::customer)
                .on("GET /api/customers/{customerId}/tickets", this::customerTickets)
                .on("GET /api/search", this::search);
    }

    /** The console's search box: a ticket by number, a customer (and their newest tickets) by email or phone. */
    private APIGatewayV2HTTPResponse search(ApiRequest request) {
        request.caller().require(Permission.READ);
        String q = request.query("q").orElse(null);
        TicketLookup.problem(q).ifPresent(problem -> {
            throw ApiException.badRequest("invalid_parameter", problem);
        });
        TicketLookup.Result result = lookup.find(q);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", q.strip());
        body.put("tickets", result.tickets());
        body.put("customers", result.customers());
        return ApiResponses.json(200, body);
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
                    return ApiResponses.json(200, body, record.ticket().version());
                })
                .orElseThrow(() -> ApiException.notFound("no ticket " + ticketId));
    }

    /** R-ASSIGN-7: My inbox, All tickets, Unassigned; active statuses unless asked; filters; newest or oldest. */
    private APIGatewayV2HTTPResponse view(ApiRequest request) {
        Caller caller = request.caller().require(Permission.READ);
        // A saved view supplies the list and filters; parameters given explicitly take precedence.
        ViewSpec spec = request.query("savedView")
                .map(id -> ViewSpec.of(workspace.view(caller.agentId(), id)
                        .orElseThrow(() -> ApiException.notFound("no saved view " + id)), request::query))
                .orElseGet(() -> ViewSpec.from(request::query));
        int limit = request.intQuery("limit", TicketQueries.DEFAULT_LIMIT);
        if (limit < 1 || limit > TicketQueries.MAX_LIMIT) {
            throw ApiException.badRequest("invalid_parameter", "'limit' must be 1.." + TicketQueries.MAX_LIMIT);
        }
        var page = queries.view(spec.view(), caller.agentId(), spec.statuses(), spec.order(), limit,
                request.query("cursor").orElse(null), spec.keep());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("items", queries.rows(page.items()));
        if (page.cursor() != null) {
            body.put("cursor", page.cursor());
        }
        return ApiResponses.json(200, body);
    }

    /** The console's rail: active tickets in My inbox, Unassigned and All, each counted up to {@link #COUNT_CAP}. */
    private APIGatewayV2HTTPResponse counts(ApiRequest request) {
        Caller caller = request.caller().require(Permission.READ);
        Map<String, Object> body = new LinkedHashMap<>(queries.viewCounts(caller.agentId(), COUNT_CAP));
        body.put("cap", COUNT_CAP);
        if (request.query("saved").map(Boolean::parseBoolean).orElse(false)) {
            body.put("saved", savedCounts(caller));
            body.put("savedCap", SAVED_COUNT_CAP);
        }
        return ApiResponses.json(200, body);
    }

    /**
     * {@code ?saved=true}: each saved view's tickets, counted by reading one page of it ({@link #SAVED_COUNT_CAP}
     * rows, the cost of opening the view): {@code {"count", "exact"}}, exact false when more may follow ("50+").
     * Filters run on the tickets, so a saved view has no keys-only count; the console asks for these every minute,
     * not with every refresh.
     */
    private Map<String, Object> savedCounts(Caller caller) {
        Map<String, Object> counts = new LinkedHashMap<>();
        for (var saved : workspace.views(caller.agentId())) {
            ViewSpec spec;
            try {
                spec = ViewSpec.of(saved, name -> java.util.Optional.empty());
            } catch (ApiException unreadable) {
                continue; // a view saved with a filter the API no longer takes is not counted; opening it says why
            }
            var page = queries.view(spec.view(), caller.agentId(), spec.statuses(), spec.order(), SAVED_COUNT_CAP, null, spec.keep());
            counts.put(saved.viewId(), Map.of("count", page.items().size(), "exact", page.cursor() == null));
        }
        return counts;
    }

    static final int SAVED_COUNT_CAP = 50;

    /** Past this a count reads "1000+": an exact backlog size is not worth reading 100 KB of index every refresh. */
    static final int COUNT_CAP = 1000;

    /** One of the caller's saved views (another agent's is 404: views are personal). */
    private APIGatewayV2HTTPResponse savedView(ApiRequest request) {
        Caller caller = request.caller().require(Permission.READ);
        String viewId = request.pathParameter("viewId");
        return workspace.view(caller.agentId(), viewId)
                .map(v -> ApiResponses.json(200, Map.of("viewId", v.viewId(), "name", v.name(), "view", v.view(), "filters", v.filters())))
                .orElseThrow(() -> ApiException.notFound("no saved view " + viewId));
    }

    /** R-ASSIGN-7: the caller's saved views. */
    private APIGatewayV2HTTPResponse savedViews(ApiRequest request) {
        Caller caller = request.caller().require(Permission.READ);
        return ApiResponses.json(200, Map.of("items", workspace.views(caller.agentId()).stream().map(v -> Map.of(
                "viewId", v.viewId(), "name", v.name(), "view", v.view(), "filters", v.filters())).toList()));
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
        Set<Status> statuses = ViewSpec.statuses(request::query);
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
