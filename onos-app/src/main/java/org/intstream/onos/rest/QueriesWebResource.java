package org.intstream.onos.rest;

import static org.onlab.util.Tools.nullIsNotFound;
import static org.onlab.util.Tools.readTreeFromStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.UriInfo;
import org.intstream.onos.IntStreamQuery;
import org.intstream.onos.IntStreamService;
import org.intstream.query.switchgen.SwitchResourceException;
import org.onosproject.rest.AbstractWebResource;

/** Submitted IntStream queries: list, get, submit, remove. */
@Path("queries")
public class QueriesWebResource extends AbstractWebResource {
    private static final String NOT_SUBMITTED = "no query named %s is submitted";

    @Context
    private UriInfo uriInfo;

    /**
     * Gets every submitted query.
     *
     * @return 200 OK with {"queries": [...]}
     * @onos.rsModel Queries
     */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response getQueries() {
        ObjectNode root = encodeArray(IntStreamQuery.class, "queries", get(IntStreamService.class).queries());
        return ok(root).build();
    }

    /**
     * Gets one submitted query.
     *
     * @param name query name
     * @return 200 OK with the query; 404 NOT FOUND when no query of that name is submitted
     * @onos.rsModel Query
     */
    @GET
    @Path("{name}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response getQuery(@PathParam("name") String name) {
        IntStreamQuery q = nullIsNotFound(get(IntStreamService.class).query(name).orElse(null),
                String.format(NOT_SUBMITTED, name));
        return ok(codec(IntStreamQuery.class).encode(q, this)).build();
    }

    /**
     * Submits a query with optional parameter overrides; its switch stage goes to every device running the
     * IntStream pipeconf.
     *
     * @param stream JSON body: {"text": the query, "parameters": {"threshold": "20"}}, parameters optional
     * @return 201 CREATED with the query and its location; 400 BAD REQUEST with the reason (line and column)
     *         for a bad query or body; 409 CONFLICT when a switch has no room for it
     * @onos.rsModel QuerySubmission
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response submit(InputStream stream) {
        ObjectNode body;
        try {
            body = readTreeFromStream(mapper(), stream);
        } catch (IOException e) {
            throw new IllegalArgumentException("the body is not a JSON object: " + e.getMessage(), e);
        }
        JsonNode text = body.get(QueryCodec.TEXT);
        if (text == null || !text.isTextual()) {
            throw new IllegalArgumentException("a submission needs \"text\": the query as a string");
        }
        JsonNode estimates = body.get(QueryCodec.ESTIMATES);
        if (estimates != null && !estimates.isNull() && !estimates.isBoolean()) {
            throw new IllegalArgumentException("\"" + QueryCodec.ESTIMATES + "\" must be true or false");
        }
        IntStreamQuery q;
        try {
            q = get(IntStreamService.class).submit(text.asText(), parameters(body.get(QueryCodec.PARAMETERS)),
                    estimates != null && estimates.asBoolean(false));
        } catch (SwitchResourceException e) {
            ObjectNode error = mapper().createObjectNode()
                    .put("code", Response.Status.CONFLICT.getStatusCode()).put("message", e.getMessage());
            return Response.status(Response.Status.CONFLICT).entity(error).build();
        }
        URI location = uriInfo.getAbsolutePathBuilder().path(q.name()).build();
        return Response.created(location).entity(codec(IntStreamQuery.class).encode(q, this)).build();
    }

    /**
     * Removes a query from the switches and the store.
     *
     * @param name query name
     * @return 204 NO CONTENT; 404 NOT FOUND when no query of that name is submitted
     */
    @DELETE
    @Path("{name}")
    public Response remove(@PathParam("name") String name) {
        IntStreamService service = get(IntStreamService.class);
        nullIsNotFound(service.query(name).orElse(null), String.format(NOT_SUBMITTED, name));
        service.remove(name);
        return Response.noContent().build();
    }

    private static Map<String, String> parameters(JsonNode json) {
        Map<String, String> out = new TreeMap<>();
        if (json == null || json.isNull()) {
            return out;
        }
        if (!json.isObject()) {
            throw new IllegalArgumentException("\"parameters\" must be an object of names to values");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = json.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> p = it.next();
            if (!p.getValue().isValueNode() || p.getValue().isNull()) {
                throw new IllegalArgumentException("parameter '" + p.getKey() + "' must be a string or number");
            }
            out.put(p.getKey(), p.getValue().asText());
        }
        return out;
    }
}
