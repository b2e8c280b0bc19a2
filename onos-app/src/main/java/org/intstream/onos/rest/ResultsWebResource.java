package org.intstream.onos.rest;

import static org.onlab.util.Tools.nullIsNotFound;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import javax.ws.rs.DefaultValue;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import org.intstream.controller.dataplane.SlotHit;
import org.intstream.onos.IntStreamService;
import org.onosproject.rest.AbstractWebResource;

/** The keys the switches reported for each query. */
@Path("results")
public class ResultsWebResource extends AbstractWebResource {
    /**
     * Gets the keys the switches reported for a query, oldest first.
     *
     * @param name query name
     * @param last only the last this many keys (0, the default, for all kept ones)
     * @return 200 OK with {"query": name, "results": [...]}; 404 NOT FOUND when no query of that name is
     *         submitted; 400 BAD REQUEST for a negative count
     * @onos.rsModel Results
     */
    @GET
    @Path("{name}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response getResults(@PathParam("name") String name, @DefaultValue("0") @QueryParam("last") int last) {
        IntStreamService service = get(IntStreamService.class);
        nullIsNotFound(service.query(name).orElse(null), "no query named " + name + " is submitted");
        if (last < 0) {
            throw new IllegalArgumentException("last must be a positive count, not " + last);
        }
        List<SlotHit> hits = service.results(name);
        if (last > 0 && last < hits.size()) {
            hits = hits.subList(hits.size() - last, hits.size());
        }
        ObjectNode root = encodeArray(SlotHit.class, "results", hits);
        root.put("query", name);
        return ok(root).build();
    }
}
